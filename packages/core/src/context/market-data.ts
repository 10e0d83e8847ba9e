import type { CandleFeed } from "../candles/candle-feed.js";
import { alignDown, intervalToMs } from "../candles/interval.js";
import { InvalidArgumentError } from "../errors/invalid-argument-error.js";
import { fillModelScanner } from "../kernel/fill/fill-model.js";
import { feedOf } from "../kernel/run-context.js";
import { vwapOf } from "../kernel/vwap.js";
import type { Candle, CandleColumns } from "../spec/candle.js";
import type { CandleInterval } from "../spec/interval.js";
import { type ExecutionContext, requireContext } from "./execution-context.js";

/** Extra look-back requests allowed when gaps leave fewer candles than asked for. */
const MAX_EXTENSIONS = 3;
/** Smallest step back of such a request, in candles: an exchange halt should not pass for the start of history. */
const MIN_EXTENSION_CANDLES = 500;

async function closedWindow(
  caller: string,
  context: ExecutionContext,
  symbol: string,
  interval: CandleInterval,
  limit: number,
): Promise<{ feed: CandleFeed; start: number; end: number }> {
  const step = intervalToMs(interval, caller, "interval");
  if (!Number.isInteger(limit) || limit <= 0) {
    throw new InvalidArgumentError(caller, "limit", limit, "a whole number > 0");
  }
  if (typeof symbol !== "string" || symbol.length === 0) {
    throw new InvalidArgumentError(caller, "symbol", symbol, "a market symbol");
  }
  const { run } = context;
  const feed = feedOf(run, symbol, interval);
  // A candle is visible only once closed: open time + interval <= when. The one in progress never is.
  const closedBefore = alignDown(context.when, step);
  const needFrom = closedBefore - limit * step;
  if (!feed.covers(needFrom, closedBefore)) {
    await feed.ensure(needFrom, Math.max(closedBefore, run.horizon()), false, run.config.getCandlesTimeoutMs);
  }
  const store = feed.store;
  let end = store.lowerBound(closedBefore);
  // Fewer candles than asked (gaps, or the start of the data): look further back, unless the source is known
  // to have nothing older, so a short history does not cost a request per tick.
  for (let extension = 0; end < limit && !feed.historyExhausted && extension < MAX_EXTENSIONS; extension++) {
    await feed.ensure(
      feed.from - Math.max(limit - end, MIN_EXTENSION_CANDLES) * step * 2,
      feed.to,
      false,
      run.config.getCandlesTimeoutMs,
    );
    end = store.lowerBound(closedBefore);
  }
  return { feed, start: Math.max(0, end - limit), end };
}

/**
 * Where the closed window ends in the store when the feed already holds all of it, as it does on nearly every
 * backtest tick; -1 when `closedWindow` must load first. Spares the common case a promise and an await.
 */
function loadedEnd(
  caller: string,
  context: ExecutionContext,
  symbol: string,
  interval: CandleInterval,
  limit: number,
): number {
  const step = intervalToMs(interval, caller, "interval");
  if (!Number.isInteger(limit) || limit <= 0) return -1;
  if (typeof symbol !== "string" || symbol.length === 0) return -1;
  const feed = feedOf(context.run, symbol, interval);
  const closedBefore = alignDown(context.when, step);
  if (!feed.covers(closedBefore - limit * step, closedBefore)) return -1;
  const end = feed.store.lowerBound(closedBefore);
  return end >= limit || feed.historyExhausted ? end : -1;
}

/**
 * The last `limit` closed candles of `symbol` at `interval`, oldest first, as of the current execution time.
 * Fewer when the exchange has less history. Call it inside `getSignal` or a callback.
 */
export async function getCandles(symbol: string, interval: CandleInterval, limit: number): Promise<Candle[]> {
  const context = requireContext("getCandles");
  const end = loadedEnd("getCandles", context, symbol, interval, limit);
  if (end >= 0) return feedOf(context.run, symbol, interval).store.slice(Math.max(0, end - limit), end);
  const window = await closedWindow("getCandles", context, symbol, interval, limit);
  return window.feed.store.slice(window.start, window.end);
}

/**
 * Like `getCandles`, but as zero-copy typed-array columns: the fastest way to feed indicators.
 * The arrays are views into the engine's store: read them now, do not keep them across awaits.
 */
export async function getCandleColumns(
  symbol: string,
  interval: CandleInterval,
  limit: number,
): Promise<CandleColumns> {
  const context = requireContext("getCandleColumns");
  const end = loadedEnd("getCandleColumns", context, symbol, interval, limit);
  if (end >= 0) return feedOf(context.run, symbol, interval).store.columns(Math.max(0, end - limit), end);
  const window = await closedWindow("getCandleColumns", context, symbol, interval, limit);
  return window.feed.store.columns(window.start, window.end);
}

/**
 * VWAP of the last `vwapCandles` (default 5) closed 1m candles of `symbol`:
 * Σ((high+low+close)/3 · volume) / Σvolume, or the mean close when they have no volume.
 */
export async function getAveragePrice(symbol: string): Promise<number> {
  const context = requireContext("getAveragePrice");
  const count = context.run.config.vwapCandles;
  const loaded = loadedEnd("getAveragePrice", context, symbol, "1m", count);
  if (loaded >= 0) return vwapOf(feedOf(context.run, symbol, "1m").store, loaded, count);
  const { feed, end } = await closedWindow("getAveragePrice", context, symbol, "1m", count);
  return vwapOf(feed.store, end, count);
}

/**
 * The market price of the run's symbol now: the price a market entry placed at this tick fills at, and the
 * price signal validation measures take-profit and stop-loss distances from. Under the default `candle` fill
 * model it is the close of the last closed 1m candle; under `vwap`, the VWAP of the last `vwapCandles`. Price
 * a market entry's levels from it (e.g. `bracket({ price: await getMarketPrice(), ... })`): a level computed
 * from another price can land nearer the entry than the distance limits allow, and be rejected. NaN when no
 * 1m candle has closed yet. See architecture/semantics.md, "The market price".
 */
export async function getMarketPrice(): Promise<number> {
  const context = requireContext("getMarketPrice");
  const { run } = context;
  const count = run.config.vwapCandles;
  const scanner = fillModelScanner(run.config.fillModel);
  const loaded = loadedEnd("getMarketPrice", context, run.symbol, "1m", count);
  if (loaded >= 0) return scanner.marketPrice(run.minuteFeed.store, loaded, count);
  const { feed, end } = await closedWindow("getMarketPrice", context, run.symbol, "1m", count);
  return scanner.marketPrice(feed.store, end, count);
}
