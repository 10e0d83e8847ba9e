import type { RiskSchema } from "../spec/risk.js";

interface LastReason {
  readonly a: number;
  readonly b: number;
  readonly c: number;
  readonly word: string;
  readonly text: string;
}

const lastReasons = new WeakMap<RiskSchema, Map<string, LastReason>>();

/**
 * The reason sentence of a built-in limit, reusing the previous string object when the same limit of the same risk
 * rejects again with the same numbers. A strategy rejected every minute while nothing changes then hands the risk
 * log one string object over and over: the log recognises it by identity instead of hashing a new copy each
 * time, and keeps it once (see `RiskLog`). `a`, `b`, `c` and `word` (a symbol, or "") are everything the sentence
 * says; `build` runs only when one of them changed.
 */
export function reuseReason(
  risk: RiskSchema,
  rule: string,
  a: number,
  b: number,
  c: number,
  word: string,
  build: () => string,
): string {
  let byRule = lastReasons.get(risk);
  if (byRule === undefined) {
    byRule = new Map();
    lastReasons.set(risk, byRule);
  }
  const last = byRule.get(rule);
  if (last !== undefined && last.a === a && last.b === b && last.c === c && last.word === word) {
    return last.text;
  }
  const text = build();
  byRule.set(rule, { a, b, c, word, text });
  return text;
}
