import { type Candle, type CandleInterval, ExchangeError } from "@candlewick/core";
import { alignDown, checkCandles, intervalToMs, MINUTE_MS } from "@candlewick/core/internal";
import type { Exchange } from "ccxt";
import { mapCcxtCandle } from "./map-ccxt-candle.js";
import { mapCcxtError } from "./map-ccxt-error.js";
import type { TimeRange } from "./time-range.js";
import { type CcxtRetryPolicy, type RetryHooks, withCcxtRetry } from "./with-ccxt-retry.js";

/**
 * An exchange can publish a closed candle a little late. Missing candles younger than this are not recorded as
 * checked-and-empty, so the next request asks again instead of remembering a gap that is not one.
 */
export const SETTLE_MS = 5 * MINUTE_MS;

/** Everything needed to ask one ccxt instance for the candles of one market. */
export interface OhlcvSource {
  readonly exchange: Exchange;
  readonly exchangeName: string;
  /** Unified ccxt symbol. */
  readonly symbol: string;
  readonly interval: CandleInterval;
  /** ccxt timeframe for `interval`. */
  readonly timeframe: string;
  /** Candles per request (the exchange's maximum). */
  readonly pageLimit: number;
  readonly retry: CcxtRetryPolicy;
  readonly retryHooks?: RetryHooks;
  readonly now: () => number;
}

/** One answered request. */
export interface FetchedPage {
  /** The open times this request asked for. */
  readonly window: TimeRange;
  /** Validated candles inside `window`, oldest first. */
  readonly candles: Candle[];
  /** The part of `window` now known (candles present or surely absent); undefined when nothing is. */
  readonly covered: TimeRange | undefined;
}

/**
 * Fetches every candle with an open time in `range` by walking it in windows of `pageLimit` candles: each
 * request is `fetchOHLCV(symbol, timeframe, since = window start, limit = window size, { until: window end - 1 })`,
 * so the exchange is asked for exactly one window and a short answer can only mean missing candles. Each page
 * is retried on retryable errors, validated, and handed to `onPage` before the next request (so a caller can
 * persist progress). `range` must end at or before the open time of the candle in progress.
 */
export async function fetchCandleRange(
  source: OhlcvSource,
  range: TimeRange,
  onPage: (page: FetchedPage) => void | Promise<void>,
): Promise<void> {
  const step = intervalToMs(source.interval);
  const operation = `fetchOHLCV ${source.symbol} ${source.interval}`;
  const toError = (error: unknown) =>
    mapCcxtError(error, {
      exchange: source.exchange,
      exchangeName: source.exchangeName,
      operation,
      symbol: source.symbol,
    });
  const problem = (message: string, details: Record<string, unknown>) =>
    new ExchangeError(source.exchangeName, `${operation}: ${message}`, {
      symbol: source.symbol,
      isRetryable: false,
      details,
    });

  for (let cursor = range.from; cursor < range.to; ) {
    const window = { from: cursor, to: Math.min(range.to, cursor + source.pageLimit * step) };
    const slots = (window.to - window.from) / step;
    const rows = await withCcxtRetry(
      () =>
        source.exchange.fetchOHLCV(source.symbol, source.timeframe, window.from, slots, {
          until: window.to - 1,
        }),
      source.retry,
      toError,
      source.retryHooks,
    );
    const all = rows.map(mapCcxtCandle);
    const inside = all.filter((candle) => candle.timestamp >= window.from && candle.timestamp < window.to);
    const candles = checkCandles(inside, step, problem, { sort: true });
    await onPage({
      window,
      candles,
      covered: coveredPart(window, candles, all.length > inside.length, source, step),
    });
    cursor = window.to;
  }
}

/**
 * Which part of an answered window is known. Everything, when the window closed more than `SETTLE_MS` ago or
 * its last candle arrived. Otherwise only up to the last candle received or the settled past, whichever is
 * later. If the exchange answered outside the window it did not honour `until`, so its silence proves nothing
 * and only the span up to the last candle received counts.
 */
function coveredPart(
  window: TimeRange,
  candles: readonly Candle[],
  answeredOutside: boolean,
  source: OhlcvSource,
  step: number,
): TimeRange | undefined {
  const last = candles.at(-1);
  const receivedUntil = last === undefined ? window.from : last.timestamp + step;
  if (answeredOutside)
    return receivedUntil > window.from ? { from: window.from, to: receivedUntil } : undefined;
  const settledUntil = alignDown(source.now() - SETTLE_MS, step);
  const to = Math.min(window.to, Math.max(receivedUntil, settledUntil));
  return to > window.from ? { from: window.from, to } : undefined;
}
