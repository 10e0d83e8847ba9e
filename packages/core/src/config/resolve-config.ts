import type { z } from "zod";
import { type CandlewickConfig, configPatchSchema, DEFAULT_CONFIG } from "./candlewick-config.js";
import { type ConfigProblem, InvalidConfigError } from "./invalid-config-error.js";

/**
 * Applies a validated patch on top of `base` and checks the rules that tie several keys together. Every bad
 * key is collected before anything is thrown, so one error names them all.
 */
export function resolveConfig(base: CandlewickConfig, patch: unknown, component: string): CandlewickConfig {
  const result = configPatchSchema.safeParse(patch ?? {});
  if (!result.success) {
    throw new InvalidConfigError(component, schemaProblems(result.error, patch), result.error);
  }
  const values = stripUndefined(result.data);
  // zod returned a copy of the sizing object; freeze it so the frozen config cannot be changed through it.
  if (values.sizing !== undefined) values.sizing = Object.freeze(values.sizing);
  const merged: CandlewickConfig = Object.freeze({ ...base, ...values });
  const problems: ConfigProblem[] = [];
  if (merged.defaultSignalLifetimeMinutes > merged.maxSignalLifetimeMinutes) {
    problems.push({
      field: "defaultSignalLifetimeMinutes",
      value: merged.defaultSignalLifetimeMinutes,
      expected: `at most maxSignalLifetimeMinutes (${merged.maxSignalLifetimeMinutes})`,
    });
  }
  if (merged.minStopLossDistancePercent >= merged.maxStopLossDistancePercent) {
    problems.push({
      field: "minStopLossDistancePercent",
      value: merged.minStopLossDistancePercent,
      expected: `less than maxStopLossDistancePercent (${merged.maxStopLossDistancePercent})`,
    });
  }
  if (problems.length > 0) throw new InvalidConfigError(component, problems);
  return merged;
}

/** One problem per bad key zod found (an unknown-keys issue lists several keys). */
function schemaProblems(error: z.ZodError, patch: unknown): ConfigProblem[] {
  const input = (patch !== null && typeof patch === "object" ? patch : {}) as Record<string, unknown>;
  const problems: ConfigProblem[] = [];
  for (const issue of error.issues) {
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) {
        const path = [...issue.path, key];
        problems.push({
          field: path.map(String).join("."),
          value: valueAt(input, path),
          expected: "no such option (misspelt?)",
        });
      }
      continue;
    }
    const field = issue.path.map(String).join(".") || "(options)";
    const value = issue.path.length === 0 ? patch : valueAt(input, issue.path);
    problems.push({ field, value, expected: expectedFromIssue(issue.message) });
  }
  return problems;
}

/** The value at a zod issue path, e.g. `sizing.cost` (undefined where the path leaves the input). */
function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const part of path) {
    value =
      value !== null && typeof value === "object" ? (value as Record<PropertyKey, unknown>)[part] : undefined;
  }
  return value;
}

/** Turns zod's "Invalid input: expected number, received string" into "number". */
function expectedFromIssue(message: string): string {
  return message
    .replace(/^(Invalid (input|option|value)|Too (small|big)):\s*/i, "")
    .replace(/^expected\s+/i, "")
    .replace(/,\s*received\s+.*$/i, "");
}
function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** The built-in defaults (frozen). */
export function getDefaultConfig(): CandlewickConfig {
  return DEFAULT_CONFIG;
}
