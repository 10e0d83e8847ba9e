import { ExchangeError } from "../errors/exchange-error.js";
import type { Candle } from "../spec/candle.js";

/**
 * Checks candles coming from an exchange before they enter the store: finite positive prices, sane OHLC,
 * non-negative volume, open times aligned to the interval and strictly increasing. Exact duplicates are
 * dropped; conflicting duplicates are an error (corrupt data is worse than no data).
 */
export function validateCandles(
  exchangeName: string,
  symbol: string,
  stepMs: number,
  candles: readonly Candle[],
): Candle[] {
  const out: Candle[] = [];
  let previous: Candle | undefined;
  for (let i = 0; i < candles.length; i++) {
    const candle = candles[i]!;
    let problem: string | null;
    try {
      problem = describeProblem(candle, stepMs);
    } catch (error) {
      // A getter (a proxy, a lazily decoded row) threw: say which field, rather than let a bare error escape.
      problem = describeThrowingField(candle, error);
    }
    if (problem !== null) {
      const time = timeOf(candle);
      const where = time === undefined ? `at an unknown time (#${i} of the page)` : `at ${time}`;
      throw new ExchangeError(exchangeName, `bad candle ${where} for ${symbol}: ${problem}`, {
        symbol,
        details: { candle, index: i, ...(time === undefined ? {} : { time }) },
      });
    }
    if (previous !== undefined && candle.timestamp <= previous.timestamp) {
      if (candle.timestamp === previous.timestamp && sameCandle(candle, previous)) continue;
      throw new ExchangeError(
        exchangeName,
        `candles for ${symbol} are not strictly increasing: #${i} at ${new Date(candle.timestamp).toISOString()} follows ${new Date(previous.timestamp).toISOString()}`,
        { symbol },
      );
    }
    out.push(candle);
    previous = candle;
  }
  return out;
}

function describeProblem(candle: Candle, stepMs: number): string | null {
  if (candle === null || typeof candle !== "object") return "not an object";
  const { timestamp, open, high, low, close, volume } = candle;
  for (const [field, value] of [
    ["timestamp", timestamp],
    ["open", open],
    ["high", high],
    ["low", low],
    ["close", close],
    ["volume", volume],
  ] as const) {
    if (typeof value !== "number" || !Number.isFinite(value))
      return `"${field}" is ${String(value)}; expected a finite number`;
  }
  if (Math.abs(timestamp) > MAX_DATE_MS) return `"timestamp" ${timestamp} is outside the range of a Date`;
  if (timestamp % stepMs !== 0)
    return `"timestamp" ${timestamp} is not aligned to the interval (${stepMs} ms)`;
  if (open <= 0 || high <= 0 || low <= 0 || close <= 0) return "prices must be > 0";
  if (volume < 0) return `"volume" is ${volume}; expected >= 0`;
  if (low > Math.min(open, close)) return `"low" ${low} is above open/close`;
  if (high < Math.max(open, close)) return `"high" ${high} is below open/close`;
  return null;
}

const MAX_DATE_MS = 8.64e15;
const FIELDS = ["timestamp", "open", "high", "low", "close", "volume"] as const;

/** The candle's open time as ISO text, or undefined when it has none that a Date can show. */
function timeOf(candle: Candle): string | undefined {
  try {
    const timestamp: unknown = candle.timestamp;
    if (typeof timestamp !== "number" || !Number.isFinite(timestamp) || Math.abs(timestamp) > MAX_DATE_MS) {
      return undefined;
    }
    return new Date(timestamp).toISOString();
  } catch {
    return undefined;
  }
}

function describeThrowingField(candle: Candle, error: unknown): string {
  for (const field of FIELDS) {
    try {
      void candle[field];
    } catch (thrown) {
      return `reading "${field}" threw: ${messageOf(thrown)}`;
    }
  }
  return `reading it threw: ${messageOf(error)}`;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function sameCandle(a: Candle, b: Candle): boolean {
  return (
    a.open === b.open && a.high === b.high && a.low === b.low && a.close === b.close && a.volume === b.volume
  );
}
