import { UsageError } from "./usage-error.js";

const UNIT_MS = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/**
 * `--reconcile-every`: a whole number of seconds, minutes, hours or days (`30s`, `5m`, `1h`, `1d`) between the
 * periodic reconciliation passes of a live run, or `off` (at start only): the value of `Live.run`'s
 * `reconcileEveryMs`. Undefined when the option is not given (core's default, 5 minutes).
 */
export function parseReconcileEvery(value: string | undefined): number | false | undefined {
  if (value === undefined) return undefined;
  if (value === "off") return false;
  const match = /^(\d+)(s|m|h|d)$/.exec(value);
  const ms = match === null ? Number.NaN : Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS];
  if (!(ms >= 1_000) || !Number.isSafeInteger(ms)) {
    throw new UsageError(
      `--reconcile-every "${value}" is not a duration of at least 1s`,
      "pass a whole number with s, m, h or d (30s, 5m, 1h), or off to reconcile at start only; the default is 5m",
    );
  }
  return ms;
}
