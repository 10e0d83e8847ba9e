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
    const problem = describeProblem(candle, stepMs);
    if (problem !== null) {
      throw new ExchangeError(exchangeName, `bad candle #${i} for ${symbol}: ${problem}`, {
        symbol,
        details: { candle },
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
  if (timestamp % stepMs !== 0)
    return `"timestamp" ${timestamp} is not aligned to the interval (${stepMs} ms)`;
  if (open <= 0 || high <= 0 || low <= 0 || close <= 0) return "prices must be > 0";
  if (volume < 0) return `"volume" is ${volume}; expected >= 0`;
  if (low > Math.min(open, close)) return `"low" ${low} is above open/close`;
  if (high < Math.max(open, close)) return `"high" ${high} is below open/close`;
  return null;
}

function sameCandle(a: Candle, b: Candle): boolean {
  return (
    a.open === b.open && a.high === b.high && a.low === b.low && a.close === b.close && a.volume === b.volume
  );
}
