import { DEFAULT_CONFIG } from "../config/candlewick-config.js";
import { CandlewickError } from "../errors/candlewick-error.js";
import { ExchangeError } from "../errors/exchange-error.js";
import { candlesToTable, concatCandleColumns, sliceCandleColumns } from "../exchanges/candle-table.js";
import { settleWithin } from "../kernel/settle-within.js";
import type { Candle, CandleColumns } from "../spec/candle.js";
import type { ExchangeSchema } from "../spec/exchange.js";
import type { CandleInterval } from "../spec/interval.js";
import { CandleStore } from "./candle-store.js";
import { alignDown } from "./interval.js";
import { validateCandleColumns } from "./validate-candle-columns.js";
import { validateCandles } from "./validate-candles.js";

const DEFAULT_PAGE_SIZE = 1000;

const asIs = <T>(value: T): T => value;
const rethrow = (error: unknown): never => {
  throw error;
};

/**
 * The candles of one (exchange, symbol, interval): a `CandleStore` plus the time range already asked of
 * the exchange. The range only grows at its edges, in large pages, so each candle is fetched once per
 * process; loads are serialised so concurrent runs share them.
 */
export class CandleFeed {
  readonly store = new CandleStore();
  /** Loaded range `[from, to)` in epoch ms; empty while `from === to`. */
  from = 0;
  to = 0;
  /** True once a request for older candles came back empty: the source's history starts at the first candle. */
  historyExhausted = false;
  /**
   * Open times of candles left out of every page before validation: a live run drops a candle that failed it (the
   * minute then counts as missing), so one bad candle cannot fail every later load of the same range.
   */
  readonly dropped = new Set<number>();
  private pending: Promise<void> = Promise.resolve();

  constructor(
    readonly exchange: ExchangeSchema,
    readonly symbol: string,
    readonly interval: CandleInterval,
    readonly stepMs: number,
  ) {}

  /** True when `[from, to)` has already been loaded. */
  covers(from: number, to: number): boolean {
    return this.from < this.to && from >= this.from && to <= this.to;
  }

  /**
   * Loads whatever part of `[from, to)` is missing. `to` must be a time by which those candles have closed.
   * `liveTail`: the newest candles may not be published yet, so the range only extends to the last candle
   * received and the rest is asked again next time. `timeoutMs` bounds each page request of the load this call
   * starts (the run's `getCandlesTimeoutMs`; every run passes its own, the default is the built-in one).
   */
  ensure(
    from: number,
    to: number,
    liveTail = false,
    timeoutMs = DEFAULT_CONFIG.getCandlesTimeoutMs,
  ): Promise<void> {
    const start = alignDown(from, this.stepMs);
    const end = alignDown(to, this.stepMs);
    if (end <= start || this.covers(start, end)) return this.pending;
    const next = this.pending.then(() => this.load(start, end, liveTail, timeoutMs));
    // A failed load must not poison later ones: the next ensure() starts from a settled promise.
    this.pending = next.catch(() => undefined);
    return next;
  }

  private async load(start: number, end: number, liveTail: boolean, timeoutMs: number): Promise<void> {
    const tailEnd = (candles: CandleColumns, fallback: number): number =>
      liveTail ? (candles.length > 0 ? candles.timestamp[candles.length - 1]! + this.stepMs : fallback) : end;
    if (this.from === this.to) {
      const candles = await this.fetchRange(start, end, timeoutMs);
      this.store.insertColumns(candles);
      this.from = start;
      this.to = tailEnd(candles, start);
      return;
    }
    if (start < this.from) {
      const older = await this.fetchRange(start, this.from, timeoutMs);
      if (older.length === 0 && this.store.length > 0) this.historyExhausted = true;
      this.store.insertColumns(older);
      this.from = start;
    }
    if (end > this.to) {
      const candles = await this.fetchRange(this.to, end, timeoutMs);
      this.store.insertColumns(candles);
      this.to = tailEnd(candles, this.to);
    }
  }

  /** The valid candles of `[start, end)`, page by page, as one set of columns. */
  private async fetchRange(start: number, end: number, timeoutMs: number): Promise<CandleColumns> {
    const pageSize = this.exchange.maxCandlesPerRequest ?? DEFAULT_PAGE_SIZE;
    const parts: CandleColumns[] = [];
    let since = start;
    while (since < end) {
      const limit = Math.min(pageSize, Math.ceil((end - since) / this.stepMs));
      const page = await this.fetchPage(since, end, limit, timeoutMs);
      const { valid } = page;
      const times = valid.timestamp;
      // Valid candles are strictly increasing: those of [since, end) are consecutive rows.
      let first = 0;
      while (first < valid.length && times[first]! < since) first++;
      let stop = first;
      while (stop < valid.length && times[stop]! < end) stop++;
      if (stop > first) parts.push(sliceCandleColumns(valid, first, stop));
      // A dropped candle still moves the request on: a page of dropped candles only is progress, not a loop.
      const last = Math.max(stop > 0 ? times[stop - 1]! : since - this.stepMs, page.lastDropped);
      // A short page means the source has nothing more; a candle past `end` means we have what we asked for.
      if (stop < valid.length || page.received < limit) break;
      // A full page that did not advance would loop forever: the source ignores `since`.
      if (last < since) {
        throw new ExchangeError(this.exchange.exchangeName, `getCandles ignored "since" for ${this.symbol}`, {
          symbol: this.symbol,
        });
      }
      since = last + this.stepMs;
    }
    return concatCandleColumns(parts);
  }

  /**
   * One page from `since`, validated. Through `getCandleColumns` when the exchange has it (no object per
   * candle), unless a live run dropped candles: those are filtered out of `getCandles` objects.
   */
  private async fetchPage(
    since: number,
    end: number,
    limit: number,
    timeoutMs: number,
  ): Promise<{ valid: CandleColumns; received: number; lastDropped: number }> {
    const { exchangeName } = this.exchange;
    if (this.dropped.size === 0 && typeof this.exchange.getCandleColumns === "function") {
      const columns = await this.request("getCandleColumns", since, limit, timeoutMs);
      const valid = validateCandleColumns(exchangeName, this.symbol, this.stepMs, columns);
      return { valid, received: columns.length, lastDropped: Number.NEGATIVE_INFINITY };
    }
    const page = await this.request("getCandles", since, limit, timeoutMs);
    const kept =
      this.dropped.size === 0
        ? page
        : page.filter((candle) => !this.dropped.has((candle as Candle | null)?.timestamp as number));
    const valid = candlesToTable(validateCandles(exchangeName, this.symbol, this.stepMs, kept));
    let lastDropped = Number.NEGATIVE_INFINITY;
    if (kept !== page) {
      for (const candle of page) {
        const time = (candle as Candle | null)?.timestamp;
        if (typeof time === "number" && time < end && time > lastDropped) lastDropped = time;
      }
    }
    return { valid, received: page.length, lastDropped };
  }

  /** Calls the exchange with the run's timeout and checks the shape and size of what it resolves to. */
  private async request<M extends "getCandles" | "getCandleColumns">(
    method: M,
    since: number,
    limit: number,
    timeoutMs: number,
  ): Promise<M extends "getCandles" ? readonly Candle[] : CandleColumns> {
    type Result = M extends "getCandles" ? readonly Candle[] : CandleColumns;
    const exchangeName = this.exchange.exchangeName;
    const request = () =>
      `${method}(${this.symbol}, ${this.interval}, ${new Date(since).toISOString()}, ${limit})`;
    try {
      const page = await settleWithin(
        this.exchange[method]!(this.symbol, this.interval, new Date(since), limit) as Promise<unknown>,
        timeoutMs,
        () =>
          new ExchangeError(
            exchangeName,
            `${request()} did not settle within ${timeoutMs} ms (getCandlesTimeoutMs)`,
            {
              symbol: this.symbol,
              isRetryable: true,
              details: { since: new Date(since).toISOString(), limit, timeoutMs },
            },
          ),
        asIs,
        rethrow,
      );
      const count = method === "getCandles" ? arrayLength(page) : columnsLength(page);
      if (count === undefined) {
        throw new ExchangeError(
          exchangeName,
          method === "getCandles"
            ? "getCandles must resolve to an array of candles"
            : "getCandleColumns must resolve to candle columns: a length and six Float64Arrays at least that long",
          { symbol: this.symbol },
        );
      }
      // Truncating silently would drop candles and later surface as a confusing "no candles" error.
      if (count > limit) {
        throw new ExchangeError(
          exchangeName,
          `${request()} returned ${count} candles; expected at most ${limit} (the limit asked for)`,
          {
            symbol: this.symbol,
            details: { since: new Date(since).toISOString(), limit, count },
          },
        );
      }
      return page as Result;
    } catch (error) {
      if (CandlewickError.isInstance(error)) throw error;
      throw new ExchangeError(
        exchangeName,
        `${request()} failed: ${error instanceof Error ? error.message : String(error)}`,
        { symbol: this.symbol, cause: error },
      );
    }
  }
}

function arrayLength(value: unknown): number | undefined {
  return Array.isArray(value) ? value.length : undefined;
}

const COLUMN_NAMES = ["timestamp", "open", "high", "low", "close", "volume"] as const;

function columnsLength(value: unknown): number | undefined {
  if (value === null || typeof value !== "object") return undefined;
  const { length } = value as { length?: unknown };
  if (typeof length !== "number" || !Number.isInteger(length) || length < 0) return undefined;
  for (const name of COLUMN_NAMES) {
    const column = (value as Record<string, unknown>)[name];
    if (!(column instanceof Float64Array) || column.length < length) return undefined;
  }
  return length;
}
