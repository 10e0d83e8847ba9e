import { CANDLE_INTERVALS, type CandleInterval } from "@candlewick/core";
import { alignUp, intervalToMs } from "@candlewick/core/internal";
import { z } from "zod";
import { createCandleService } from "./candle-service.js";
import { ccxtExchangeSourceSchema, retryOptionsShape } from "./ccxt-exchange-options.js";
import { type CandleGap, findCandleGaps } from "./find-candle-gaps.js";
import { parseOptions } from "./parse-options.js";
import { resolveCcxtInstance } from "./resolve-ccxt-instance.js";
import type { TimeRange } from "./time-range.js";

/** Progress of `downloadCandles`, reported after every page and every range found in the cache. */
export interface DownloadProgress {
  /** The symbol being worked on, as given. */
  readonly symbol: string;
  /** 0-based position of `symbol` in `symbols`. */
  readonly symbolIndex: number;
  readonly symbolCount: number;
  /**
   * Candle slots handled so far over all symbols: fetched, found in the cache, or checked and found missing.
   * It reaches `rowsExpected` exactly when the download completes, gaps or not.
   */
  readonly rowsDone: number;
  /** Candle slots in `[from, to)` times the number of symbols (`to` clipped to the candle in progress). */
  readonly rowsExpected: number;
}

/** What happened for one symbol. */
export interface SymbolDownloadSummary {
  /** The symbol as given. */
  readonly symbol: string;
  /** The unified ccxt symbol it resolved to (the cache is keyed by it). */
  readonly marketSymbol: string;
  /** Candles in the cache for the range after the download. */
  readonly rows: number;
  /** Candles received from the exchange by this call. */
  readonly fetchedRows: number;
  /** Ranges requested from the exchange by this call. */
  readonly fetchedRanges: TimeRange[];
  /** Ranges that were already cached and not requested again. */
  readonly cachedRanges: TimeRange[];
  /** Missing candles between present ones (never filled in). */
  readonly gaps: CandleGap[];
  /** Open time of the first and last candle in the range, or null when there is none. */
  readonly firstTimestamp: number | null;
  readonly lastTimestamp: number | null;
}

/** What `downloadCandles` returns. */
export interface DownloadSummary {
  readonly exchangeId: string;
  readonly interval: CandleInterval;
  /** The range actually covered, aligned to the interval: `[from, to)` in epoch ms. */
  readonly range: TimeRange;
  readonly cacheDir: string;
  readonly symbols: SymbolDownloadSummary[];
  /** Sum of `rows` over the symbols. */
  readonly rows: number;
}

/** Options of `downloadCandles`. */
export const downloadCandlesOptionsSchema = z
  .object({
    /** A ccxt exchange id, or your own ccxt instance. */
    exchange: ccxtExchangeSourceSchema,
    /** Symbols as accepted by the adapter (`BTCUSDT`, `BTC/USDT`, `BTC/USDT:USDT`). */
    symbols: z.array(z.string().min(1)).min(1).readonly(),
    interval: z.enum(CANDLE_INTERVALS),
    /** Start (inclusive) of the range: candles whose open time is at or after it. */
    from: z.date(),
    /** End (exclusive). Clipped to the candle in progress. */
    to: z.date(),
    /** Root directory of the candle cache. */
    cacheDir: z.string().min(1),
    onProgress: z
      .custom<(progress: DownloadProgress) => void>((value) => typeof value === "function")
      .optional(),
    onGap: z.custom<(gap: CandleGap) => void>((value) => typeof value === "function").optional(),
    ...retryOptionsShape,
    /** Candles per request. Default: ccxt's documented maximum for the market. */
    pageSize: z.number().int().positive().optional(),
    /** Clock in epoch ms. Default `Date.now`. */
    now: z.custom<() => number>((value) => typeof value === "function").optional(),
  })
  .strict()
  .refine((options) => options.from.getTime() < options.to.getTime(), {
    message: "expected `to` later than `from`",
    path: ["to"],
  });

/** What you pass to `downloadCandles`. */
export type DownloadCandlesOptions = z.input<typeof downloadCandlesOptionsSchema>;

/**
 * Fills the candle cache for `symbols` over `[from, to)` so that later backtests run offline. Only ranges the
 * cache does not already cover are requested; an interrupted download keeps what it fetched (flushed at least
 * every 10 pages and on any error), so running it again resumes. Symbols are downloaded one after the other
 * (ccxt's rate limiter serialises requests anyway); the first failure rejects.
 */
export async function downloadCandles(options: DownloadCandlesOptions): Promise<DownloadSummary> {
  const parsed = parseOptions(downloadCandlesOptionsSchema, options);
  const exchange = resolveCcxtInstance(parsed.exchange);
  const service = createCandleService({
    exchange,
    exchangeName: exchange.id,
    cache: { dir: parsed.cacheDir, offline: false },
    retry: parsed,
    pageSize: parsed.pageSize,
    now: parsed.now ?? Date.now,
    onGap: parsed.onGap,
  });
  const { interval } = parsed;
  const step = intervalToMs(interval);
  const from = alignUp(parsed.from.getTime(), step);
  const range = {
    from,
    to: Math.max(from, Math.min(alignUp(parsed.to.getTime(), step), service.horizon(interval))),
  };
  const slotsPerSymbol = (range.to - range.from) / step;
  const rowsExpected = slotsPerSymbol * parsed.symbols.length;
  const symbols: SymbolDownloadSummary[] = [];

  for (const [symbolIndex, symbol] of parsed.symbols.entries()) {
    let rowsDone = symbolIndex * slotsPerSymbol;
    const report = (slots: number) => {
      rowsDone += slots;
      parsed.onProgress?.({
        symbol,
        symbolIndex,
        symbolCount: parsed.symbols.length,
        rowsDone,
        rowsExpected,
      });
    };
    const market = await service.resolveMarket(symbol);
    const result = await service.fill(market, interval, range, (page) =>
      report((page.window.to - page.window.from) / step),
    );
    const cachedSlots = result.cached.reduce((sum, part) => sum + (part.to - part.from) / step, 0);
    if (cachedSlots > 0 || slotsPerSymbol === 0) report(cachedSlots);
    const candles = await service.readCached(market, interval, range);
    const gaps = findCandleGaps(candles, market.symbol, interval, step);
    service.reportGaps(gaps);
    symbols.push({
      symbol,
      marketSymbol: market.symbol,
      rows: candles.length,
      fetchedRows: result.fetchedRows,
      fetchedRanges: result.fetched,
      cachedRanges: result.cached,
      gaps,
      firstTimestamp: candles[0]?.timestamp ?? null,
      lastTimestamp: candles.at(-1)?.timestamp ?? null,
    });
  }

  return {
    exchangeId: exchange.id,
    interval,
    range,
    cacheDir: parsed.cacheDir,
    symbols,
    rows: symbols.reduce((sum, entry) => sum + entry.rows, 0),
  };
}
