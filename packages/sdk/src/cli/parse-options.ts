import { type CandleInterval, isCandleInterval } from "@candlewick/core";
import { UsageError } from "./usage-error.js";

/** `2025-06-01` (UTC midnight) or any ISO date-time; a usage error naming the option otherwise. */
export function parseDate(option: string, value: string | undefined): Date {
  if (value === undefined)
    throw new UsageError(`missing ${option}`, `pass ${option} 2025-06-01 (UTC) or an ISO time`);
  const date = new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(date.getTime())) {
    throw new UsageError(
      `${option} "${value}" is not a date`,
      "use 2025-06-01 (UTC) or 2025-06-01T12:00:00Z",
    );
  }
  return date;
}

/** A candle interval such as `1m` or `15m`. */
export function parseInterval(option: string, value: string): CandleInterval {
  if (!isCandleInterval(value)) {
    throw new UsageError(`${option} "${value}" is not a candle interval`, "use 1m, 5m, 15m, 1h, 4h or 1d");
  }
  return value;
}

/**
 * `--param key=value` pairs into an object. A value that parses as JSON is taken as such (`10`, `true`, `"x"`,
 * `[1,2]`), anything else as a string.
 */
export function parseParams(pairs: readonly string[]): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  for (const pair of pairs) {
    const at = pair.indexOf("=");
    if (at <= 0)
      throw new UsageError(`--param "${pair}" is not key=value`, "e.g. --param fast=10 --param slow=30");
    const raw = pair.slice(at + 1);
    let value: unknown = raw;
    try {
      value = JSON.parse(raw);
    } catch {
      // a plain string
    }
    params[pair.slice(0, at)] = value;
  }
  return params;
}

/** The range `[from, to)` of `--from` / `--to`, checked to be in order. */
export function parseRange(options: { from?: string; to?: string }): { from: Date; to: Date } {
  const from = parseDate("--from", options.from);
  const to = parseDate("--to", options.to);
  if (to.getTime() <= from.getTime()) {
    throw new UsageError(
      `--to (${to.toISOString()}) is not after --from (${from.toISOString()})`,
      "--to is exclusive and must be later",
    );
  }
  return { from, to };
}
