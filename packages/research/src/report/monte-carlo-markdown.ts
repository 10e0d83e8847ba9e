import type { MonteCarloResult } from "../monte-carlo/monte-carlo.js";
import { num, pct, table } from "./markdown-format.js";

/** A markdown report of Monte Carlo runs: one row per method and statistic, the actual value beside p5..p95. */
export function monteCarloMarkdown(
  results: readonly MonteCarloResult[],
  info: { readonly title: string; readonly settings: readonly string[] },
): string {
  const lines = [`# ${info.title}`, "", ...info.settings.map((line) => `- ${line}`), ""];
  const rows: string[][] = [];
  for (const result of results) {
    const statistics = [
      ["final return", result.actual.finalReturnPct, result.finalReturnPct, (v: number) => pct(v)],
      [
        "max drawdown",
        result.actual.maxDrawdownPct,
        result.maxDrawdownPct,
        (v: number) => `${v.toFixed(2)}%`,
      ],
      [
        "longest losing streak",
        result.actual.longestLosingStreak,
        result.longestLosingStreak,
        (v: number) => num(v, 1),
      ],
    ] as const;
    for (const [label, actual, spread, format] of statistics) {
      rows.push([
        `${result.method} × ${result.simulations}`,
        label,
        format(actual),
        ...[spread.p5, spread.p25, spread.p50, spread.p75, spread.p95].map(format),
      ]);
    }
  }
  lines.push(table(["method", "statistic", "actual", "p5", "p25", "p50", "p75", "p95"], "llrrrrrr", rows));
  lines.push(
    "",
    "Trade returns compound from an equity of 1. shuffle reorders the trades (the final return cannot change); bootstrap draws as many trades with replacement.",
  );
  return lines.join("\n");
}
