import { type Candle, type CandleInterval, ExchangeError } from "@candlewick/core";
import { alignDown, alignUp, intervalToMs } from "@candlewick/core/internal";
import type { Exchange } from "ccxt";
import { type CandleCache, createCandleCache, type SeriesKey } from "./cache/candle-cache.js";
import { createKeyedMutex } from "./cache/keyed-mutex.js";
import { cacheKeyOf } from "./cache-key-of.js";
import { type FetchedPage, fetchCandleRange, type OhlcvSource } from "./fetch-candle-range.js";
import { type CandleGap, findCandleGaps } from "./find-candle-gaps.js";
import { formatPlainNumber } from "./format-plain-number.js";
import { mapCcxtError } from "./map-ccxt-error.js";
import { createMarketResolver, type ResolvedMarket } from "./market-resolver.js";
import { ohlcvPageLimit } from "./ohlcv-page-limit.js";
import { resolveTimeframe } from "./resolve-timeframe.js";
import { subtractRanges, type TimeRange } from "./time-range.js";
import type { CcxtRetryPolicy, RetryHooks } from "./with-ccxt-retry.js";

/** Pages fetched between two cache flushes: what a killed download can lose at most. */
const FLUSH_EVERY_PAGES = 10;

/** Settings of `createCandleService`, already validated. */
export interface CandleServiceConfig {
  readonly exchange: Exchange;
  readonly exchangeName: string;
  readonly cache?: { readonly dir: string; readonly offline: boolean };
  readonly retry: CcxtRetryPolicy;
  readonly retryHooks?: RetryHooks;
  readonly pageSize?: number;
  readonly now: () => number;
  readonly onGap?: (gap: CandleGap) => void;
}

/** What `fill` did for one range. */
export interface FillResult {
  /** Ranges that were missing from the cache and were requested. */
  readonly fetched: TimeRange[];
  /** Ranges that were already in the cache. */
  readonly cached: TimeRange[];
  readonly fetchedRows: number;
}

/**
 * The engine behind `createCcxtExchange` and `downloadCandles`: one ccxt instance, its markets, the optional
 * cache and the paging / retry policy.
 */
export interface CandleService {
  readonly exchange: Exchange;
  readonly exchangeName: string;
  readonly cache: CandleCache | undefined;
  resolveMarket(symbol: string): Promise<ResolvedMarket>;
  getCandles(symbol: string, interval: CandleInterval, since: Date, limit: number): Promise<Candle[]>;
  /** Makes the cache hold every candle of `range` (online, with a cache only). */
  fill(
    market: ResolvedMarket,
    interval: CandleInterval,
    range: TimeRange,
    onPage?: (page: FetchedPage) => void,
  ): Promise<FillResult>;
  /** Cached candles of `range` (with a cache only). */
  readCached(market: ResolvedMarket, interval: CandleInterval, range: TimeRange): Promise<Candle[]>;
  /** Open time of the candle in progress: nothing at or after it is requested. */
  horizon(interval: CandleInterval): number;
  reportGaps(gaps: readonly CandleGap[]): void;
  formatPrice(symbol: string, price: number): Promise<string>;
  formatQuantity(symbol: string, quantity: number): Promise<string>;
}

export function createCandleService(config: CandleServiceConfig): CandleService {
  const { exchange, exchangeName } = config;
  const exchangeKey = cacheKeyOf(exchange);
  const cache = config.cache === undefined ? undefined : createCandleCache(config.cache.dir);
  const offline = config.cache?.offline === true;
  const resolver = createMarketResolver({
    exchange,
    exchangeName,
    exchangeKey,
    retry: config.retry,
    retryHooks: config.retryHooks,
    cache,
    offline,
  });
  const seriesLock = createKeyedMutex();
  const reportedGaps = new Set<string>();

  const seriesOf = (market: ResolvedMarket, interval: CandleInterval): SeriesKey => ({
    exchange: exchangeKey,
    symbol: market.symbol,
    interval,
  });

  const sourceOf = (market: ResolvedMarket, interval: CandleInterval): OhlcvSource => ({
    exchange,
    exchangeName,
    symbol: market.symbol,
    interval,
    timeframe: resolveTimeframe(exchange, exchangeName, interval),
    pageLimit: config.pageSize ?? ohlcvPageLimit(exchange, market),
    retry: config.retry,
    retryHooks: config.retryHooks,
    now: config.now,
  });

  async function fill(
    market: ResolvedMarket,
    interval: CandleInterval,
    range: TimeRange,
    onPage?: (page: FetchedPage) => void,
  ): Promise<FillResult> {
    if (cache === undefined || offline) {
      throw new ExchangeError(exchangeName, "internal: fill needs a cache and a network", {
        isRetryable: false,
      });
    }
    const series = seriesOf(market, interval);
    const source = sourceOf(market, interval);
    return seriesLock.run(`${series.symbol}|${interval}`, async () => {
      const cached = await cache.covered(series, range);
      const fetched = subtractRanges(range, cached);
      let fetchedRows = 0;
      let pagesSinceFlush = 0;
      try {
        for (const part of fetched) {
          await fetchCandleRange(source, part, async (page) => {
            await cache.write(series, page.candles, page.covered);
            fetchedRows += page.candles.length;
            onPage?.(page);
            if (++pagesSinceFlush >= FLUSH_EVERY_PAGES) {
              pagesSinceFlush = 0;
              await cache.flush();
            }
          });
        }
      } catch (error) {
        // Keep what arrived before the failure, so that the next run resumes instead of starting over.
        await cache.flush().catch(() => undefined);
        throw error;
      }
      await cache.flush();
      return { fetched, cached, fetchedRows };
    });
  }

  /** Candles of one window: from the exchange, through the cache, or from the cache alone. */
  async function windowCandles(
    market: ResolvedMarket,
    interval: CandleInterval,
    window: TimeRange,
  ): Promise<Candle[]> {
    if (cache === undefined) {
      const candles: Candle[] = [];
      await fetchCandleRange(sourceOf(market, interval), window, (page) => {
        for (const candle of page.candles) candles.push(candle);
      });
      return candles;
    }
    const series = seriesOf(market, interval);
    if (!offline) await fill(market, interval, window);
    else {
      const hole = subtractRanges(window, await cache.covered(series, window))[0];
      if (hole !== undefined) throw offlineMiss(market, interval, hole);
    }
    return cache.read(series, window);
  }

  function offlineMiss(
    market: ResolvedMarket,
    interval: CandleInterval,
    hole: TimeRange | undefined,
  ): ExchangeError {
    const what = `${market.symbol} ${interval} candles`;
    const where =
      hole === undefined
        ? `no cached ${what}`
        : `no cached ${what} for ${new Date(hole.from).toISOString()} → ${new Date(hole.to).toISOString()}`;
    return new ExchangeError(
      exchangeName,
      `offline cache miss: ${where} in ${cache?.dir}; run downloadCandles for that range first, or turn offline off`,
      { symbol: market.symbol, isRetryable: false, details: { interval, from: hole?.from, to: hole?.to } },
    );
  }

  /**
   * The open times a walk may visit. Online: from the listing (when known) to the candle in progress.
   * Offline: the cache's first covered time is the start of history and its last the end of the data, so the
   * core's warm-up and tail requests past a download's edges read as "no data"; a hole between is a miss.
   */
  async function walkBounds(market: ResolvedMarket, interval: CandleInterval): Promise<TimeRange> {
    if (!offline) return { from: market.created ?? Number.NEGATIVE_INFINITY, to: horizon(interval) };
    const bounds = await cache!.bounds(seriesOf(market, interval));
    if (bounds === undefined) throw offlineMiss(market, interval, undefined);
    return bounds;
  }

  function reportGaps(gaps: readonly CandleGap[]): void {
    if (config.onGap === undefined) return;
    for (const gap of gaps) {
      const key = `${gap.symbol}|${gap.interval}|${gap.from}`;
      if (reportedGaps.has(key)) continue;
      reportedGaps.add(key);
      config.onGap(gap);
    }
  }

  function horizon(interval: CandleInterval): number {
    return alignDown(config.now(), intervalToMs(interval));
  }

  async function format(kind: "price" | "amount", symbol: string, value: number): Promise<string> {
    const market = await resolver.resolve(symbol);
    if (exchange.markets?.[market.symbol] === undefined) return formatPlainNumber(value);
    try {
      const text =
        kind === "price"
          ? exchange.priceToPrecision(market.symbol, value)
          : exchange.amountToPrecision(market.symbol, value);
      return text ?? formatPlainNumber(value);
    } catch (error) {
      throw mapCcxtError(error, {
        exchange,
        exchangeName,
        operation: `format ${kind} ${value}`,
        symbol: market.symbol,
      });
    }
  }

  return {
    exchange,
    exchangeName,
    cache,
    resolveMarket: (symbol) => resolver.resolve(symbol),
    fill,
    horizon,
    readCached: async (market, interval, range) =>
      cache === undefined ? [] : cache.read(seriesOf(market, interval), range),
    reportGaps,

    async getCandles(symbol, interval, since, limit) {
      // The interval is checked first: it needs no network.
      resolveTimeframe(exchange, exchangeName, interval);
      const market = await resolver.resolve(symbol);
      const step = intervalToMs(interval);
      const bounds = await walkBounds(market, interval);
      // Nothing exists before the start of history; starting there keeps an early `since` from reading as "no data".
      let cursor = Math.max(alignUp(since.getTime(), step), alignUp(bounds.from, step));
      const result: Candle[] = [];
      while (result.length < limit && cursor < bounds.to) {
        const window = { from: cursor, to: Math.min(bounds.to, cursor + (limit - result.length) * step) };
        const candles = await windowCandles(market, interval, window);
        for (const candle of candles) result.push(candle);
        cursor = window.to;
        // Gaps shorten a window; the next one asks for the shortfall. Online, an empty window ends the walk
        // (it would otherwise creep up to now one request at a time); offline the cache knows where data resumes.
        if (candles.length === 0 && !offline) break;
      }
      reportGaps(findCandleGaps(result, market.symbol, interval, step));
      return result;
    },

    formatPrice: (symbol, price) => format("price", symbol, price),
    formatQuantity: (symbol, quantity) => format("amount", symbol, quantity),
  };
}
