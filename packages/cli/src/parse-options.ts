import { type CandleInterval, isCandleInterval } from "@candlewick/core";
import { UsageError } from "./usage-error.js";

const DATE_HINT = "use 2025-06-01 (UTC midnight) or an ISO time with its zone, e.g. 2025-06-01T12:00:00Z";
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?(Z|[+-]\d{2}:\d{2})?)?$/;

/**
 * `2025-06-01` (UTC midnight) or an ISO date-time with a zone (`2025-06-01T12:00:00Z`, `…+02:00`); a usage error
 * naming the option otherwise. Strict on purpose: `Date` would read `2026-02-30` as March 2 and `1` as 2001, and
 * a zone-less time as local time; every field is checked to survive the round trip.
 */
export function parseDate(option: string, value: string | undefined): Date {
  if (value === undefined)
    throw new UsageError(`missing ${option}`, `pass ${option} 2025-06-01 (UTC) or an ISO time`);
  const match = ISO.exec(value);
  if (match === null) throw new UsageError(`${option} "${value}" is not a date`, DATE_HINT);
  const [, year, month, day, hour = "00", minute = "00", second = "00", fraction = "0", zone] = match;
  if (match[4] !== undefined && zone === undefined) {
    throw new UsageError(
      `${option} "${value}" has no time zone`,
      "add Z for UTC (2025-06-01T12:00:00Z) or an offset (+02:00)",
    );
  }
  const fields = [year, month, day, hour, minute, second].map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const utc = Date.UTC(
    fields[0],
    fields[1] - 1,
    fields[2],
    fields[3],
    fields[4],
    fields[5],
    Number(fraction.padEnd(3, "0")),
  );
  const back = new Date(utc);
  const survived =
    back.getUTCFullYear() === fields[0] &&
    back.getUTCMonth() + 1 === fields[1] &&
    back.getUTCDate() === fields[2] &&
    back.getUTCHours() === fields[3] &&
    back.getUTCMinutes() === fields[4] &&
    back.getUTCSeconds() === fields[5];
  const offset = zone === undefined || zone === "Z" ? 0 : parseOffset(zone);
  if (!survived || offset === null) {
    throw new UsageError(`${option} "${value}" is not a calendar date and time`, DATE_HINT);
  }
  return new Date(utc - offset);
}

/** `+02:00` → 2 hours in ms; null when out of range. */
function parseOffset(zone: string): number | null {
  const hours = Number(zone.slice(1, 3));
  const minutes = Number(zone.slice(4, 6));
  if (hours > 23 || minutes > 59) return null;
  return (zone[0] === "-" ? -1 : 1) * (hours * 60 + minutes) * 60_000;
}

/** A candle interval such as `1m` or `15m`. */
export function parseInterval(option: string, value: string): CandleInterval {
  if (!isCandleInterval(value)) {
    throw new UsageError(`${option} "${value}" is not a candle interval`, "use 1m, 5m, 15m, 1h, 4h or 1d");
  }
  return value;
}

const FORBIDDEN_KEYS = new Set(["__proto__", "constructor", "prototype"]);

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
    const key = pair.slice(0, at);
    if (FORBIDDEN_KEYS.has(key)) {
      throw new UsageError(
        `--param "${key}" is not a parameter name`,
        "__proto__, constructor and prototype would change the object itself, not set a parameter",
      );
    }
    params[key] = value;
  }
  return params;
}

/** The range `[from, to)` of `--from` / `--to`, checked to be in order. */
export function parseRange(options: { from?: string; to?: string }): { from: Date; to: Date } {
  return parseWindow(["--from", options.from], ["--to", options.to]);
}

/** A time window from two options, the end strictly after the start. */
export function parseWindow(
  [startOption, startValue]: [string, string | undefined],
  [endOption, endValue]: [string, string | undefined],
): { from: Date; to: Date } {
  const from = parseDate(startOption, startValue);
  const to = parseDate(endOption, endValue);
  if (to.getTime() <= from.getTime()) {
    throw new UsageError(
      `${endOption} (${to.toISOString()}) is not after ${startOption} (${from.toISOString()})`,
      `${endOption} is exclusive and must be later`,
    );
  }
  return { from, to };
}
