import { CandleFeed } from "../candles/candle-feed.js";
import { INTERVAL_MS } from "../candles/interval.js";
import type { EngineState } from "../engine/engine-state.js";
import { InvalidArgumentError } from "../errors/invalid-argument-error.js";
import type { ExchangeSchema } from "../spec/exchange.js";
import type { CandleInterval } from "../spec/interval.js";

/**
 * The candles of one (exchange, symbol, interval) in a SharedArrayBuffer, as plain data: posting it to a worker
 * thread shares the buffer's memory instead of copying it (structured clone passes a SharedArrayBuffer by
 * reference), so every worker backtests from the one copy the calling thread loaded.
 */
export interface SharedCandles {
  /** Identifies this share: a worker adopts it once and reuses its feed for every later task naming it. */
  readonly id: string;
  readonly exchangeName: string;
  readonly symbol: string;
  readonly interval: CandleInterval;
  /** The range the calling thread's feed had loaded, `[from, to)` in epoch ms. */
  readonly from: number;
  readonly to: number;
  /** True when the source was found to have nothing older than the first candle. */
  readonly historyExhausted: boolean;
  readonly length: number;
  /** Six float64 columns of `length` values each: timestamp, open, high, low, close, volume. */
  readonly buffer: SharedArrayBuffer;
}

let shares = 0;
/** The last share of each feed: the same while the feed did not change, so warm workers keep their adoption. */
const lastShare = new WeakMap<CandleFeed, SharedCandles>();

/**
 * Shares the candles `feed` holds: moves its store into a SharedArrayBuffer (one copy, in this thread; none when
 * it is already there) and describes it. The calling thread keeps reading the same memory. Sharing an unchanged
 * feed again gives the same share (same id).
 */
export function shareCandleFeed(feed: CandleFeed): SharedCandles {
  const buffer = feed.store.share();
  const last = lastShare.get(feed);
  if (
    last !== undefined &&
    last.buffer === buffer &&
    last.from === feed.from &&
    last.to === feed.to &&
    last.historyExhausted === feed.historyExhausted &&
    last.length === feed.store.length
  ) {
    return last;
  }
  shares += 1;
  const share: SharedCandles = {
    id: `${process.pid}:${shares}:${feed.exchange.exchangeName}:${feed.symbol}:${feed.interval}:${feed.from}-${feed.to}`,
    exchangeName: feed.exchange.exchangeName,
    symbol: feed.symbol,
    interval: feed.interval,
    from: feed.from,
    to: feed.to,
    historyExhausted: feed.historyExhausted,
    length: feed.store.length,
    buffer,
  };
  lastShare.set(feed, share);
  return share;
}

/**
 * Loads `[from, to)` of a symbol's candles from an exchange into shared memory, for a pool's tasks
 * (`createTrialPool({ candles })`). The exchange is asked exactly as a backtest would ask it (pages, validation).
 * @throws InvalidArgumentError when the interval is not a known one.
 */
export async function loadSharedCandles(
  exchange: ExchangeSchema,
  symbol: string,
  interval: CandleInterval,
  from: Date,
  to: Date,
): Promise<SharedCandles> {
  const step = INTERVAL_MS[interval];
  if (step === undefined) {
    throw new InvalidArgumentError(
      "loadSharedCandles",
      "interval",
      interval,
      'a candle interval such as "1m"',
    );
  }
  const feed = new CandleFeed(exchange, symbol, interval, step);
  await feed.ensure(from.getTime(), to.getTime());
  return shareCandleFeed(feed);
}

/** Share ids adopted per engine (a worker's engine keeps its feeds while the share is the same). */
const adopted = new WeakMap<EngineState, Set<string>>();

/**
 * Makes the engine's feeds read shared candles (in a worker thread): for each share whose exchange the engine has
 * registered, its feed of that symbol and interval becomes one over the shared buffer, as if it had loaded that
 * range itself. Nothing is copied. A share already adopted by this engine is skipped, so the feed (and what later
 * loads added to it) is kept across tasks.
 * @returns how many shares were adopted now.
 */
export function adoptSharedCandles(engine: EngineState, shared: readonly SharedCandles[]): number {
  let done = adopted.get(engine);
  if (done === undefined) {
    done = new Set();
    adopted.set(engine, done);
  }
  let count = 0;
  for (const share of shared) {
    if (done.has(share.id) || !engine.exchanges.has(share.exchangeName)) continue;
    const exchange = engine.exchanges.get(share.exchangeName);
    const feed = new CandleFeed(exchange, share.symbol, share.interval, INTERVAL_MS[share.interval]);
    feed.store.adoptShared(share.buffer, share.length);
    feed.from = share.from;
    feed.to = share.to;
    feed.historyExhausted = share.historyExhausted;
    engine.repositoryFor(exchange).replace(feed);
    done.add(share.id);
    count += 1;
  }
  return count;
}
