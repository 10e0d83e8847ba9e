import { type CandleInterval, ExchangeError } from "@candlewick/core";
import type { Exchange } from "ccxt";

/**
 * The ccxt timeframe for a core interval. Core intervals use ccxt's unified spelling, so the mapping is a
 * lookup in the exchange's `timeframes`; an exchange without it (bybit and okx have no `8h`) is a
 * non-retryable error that names the interval and lists what the exchange offers.
 */
export function resolveTimeframe(exchange: Exchange, exchangeName: string, interval: CandleInterval): string {
  const timeframes = Object.keys(exchange.timeframes ?? {});
  if (timeframes.includes(interval)) return interval;
  const supported = timeframes.length > 0 ? timeframes.join(", ") : "none";
  throw new ExchangeError(
    exchangeName,
    `interval "${interval}" is not supported by ccxt ${exchange.id}; supported timeframes: ${supported}`,
    { isRetryable: false, details: { interval, supported: timeframes } },
  );
}
