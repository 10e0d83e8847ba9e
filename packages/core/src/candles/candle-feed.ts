import { DEFAULT_CONFIG } from "../config/candlewick-config.js";
import { CandlewickError } from "../errors/candlewick-error.js";
import { ExchangeError } from "../errors/exchange-error.js";
import { settleWithin } from "../kernel/settle-within.js";
import type { Candle } from "../spec/candle.js";
import type { ExchangeSchema } from "../spec/exchange.js";
import type { CandleInterval } from "../spec/interval.js";
import { CandleStore } from "./candle-store.js";
import { alignDown } from "./interval.js";
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
    const tailEnd = (candles: readonly Candle[], fallback: number): number =>
      liveTail ? (candles.length > 0 ? candles[candles.length - 1]!.timestamp + this.stepMs : fallback) : end;
    if (this.from === this.to) {
      const candles = await this.fetchRange(start, end, timeoutMs);
      this.store.insert(candles);
      this.from = start;
      this.to = tailEnd(candles, start);
      return;
    }
    if (start < this.from) {
      const older = await this.fetchRange(start, this.from, timeoutMs);
      if (older.length === 0 && this.store.length > 0) this.historyExhausted = true;
      this.store.insert(older);
      this.from = start;
    }
    if (end > this.to) {
      const candles = await this.fetchRange(this.to, end, timeoutMs);
      this.store.insert(candles);
      this.to = tailEnd(candles, this.to);
    }
  }

  private async fetchRange(start: number, end: number, timeoutMs: number): Promise<Candle[]> {
    const pageSize = this.exchange.maxCandlesPerRequest ?? DEFAULT_PAGE_SIZE;
    const out: Candle[] = [];
    let since = start;
    while (since < end) {
      const limit = Math.min(pageSize, Math.ceil((end - since) / this.stepMs));
      const page = await this.fetchPage(since, limit, timeoutMs);
      const kept =
        this.dropped.size === 0
          ? page
          : page.filter((candle) => !this.dropped.has((candle as Candle | null)?.timestamp as number));
      const valid = validateCandles(this.exchange.exchangeName, this.symbol, this.stepMs, kept);
      let last = since - this.stepMs;
      let reachedEnd = false;
      for (const candle of valid) {
        if (candle.timestamp >= end) {
          reachedEnd = true;
          break;
        }
        if (candle.timestamp >= since) out.push(candle);
        last = candle.timestamp;
      }
      // A dropped candle still moves the request on: a page of dropped candles only is progress, not a loop.
      for (const candle of kept === page ? [] : page) {
        if (candle.timestamp < end && candle.timestamp > last) last = candle.timestamp;
      }
      // A short page means the source has nothing more; a candle past `end` means we have what we asked for.
      if (reachedEnd || page.length < limit) break;
      // A full page that did not advance would loop forever: the source ignores `since`.
      if (last < since) {
        throw new ExchangeError(this.exchange.exchangeName, `getCandles ignored "since" for ${this.symbol}`, {
          symbol: this.symbol,
        });
      }
      since = last + this.stepMs;
    }
    return out;
  }

  private async fetchPage(since: number, limit: number, timeoutMs: number): Promise<readonly Candle[]> {
    const request = () =>
      `getCandles(${this.symbol}, ${this.interval}, ${new Date(since).toISOString()}, ${limit})`;
    try {
      const page = await settleWithin(
        this.exchange.getCandles(this.symbol, this.interval, new Date(since), limit),
        timeoutMs,
        () =>
          new ExchangeError(
            this.exchange.exchangeName,
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
      if (!Array.isArray(page)) {
        throw new ExchangeError(
          this.exchange.exchangeName,
          "getCandles must resolve to an array of candles",
          {
            symbol: this.symbol,
          },
        );
      }
      // Truncating silently would drop candles and later surface as a confusing "no candles" error.
      if (page.length > limit) {
        throw new ExchangeError(
          this.exchange.exchangeName,
          `${request()} returned ${page.length} candles; expected at most ${limit} (the limit asked for)`,
          {
            symbol: this.symbol,
            details: { since: new Date(since).toISOString(), limit, count: page.length },
          },
        );
      }
      return page;
    } catch (error) {
      if (CandlewickError.isInstance(error)) throw error;
      throw new ExchangeError(
        this.exchange.exchangeName,
        `${request()} failed: ${error instanceof Error ? error.message : String(error)}`,
        { symbol: this.symbol, cause: error },
      );
    }
  }
}
