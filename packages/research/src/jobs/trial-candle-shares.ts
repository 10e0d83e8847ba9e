import {
  backtestCandleSpan,
  type CandleInterval,
  type CandlewickConfig,
  createCsvExchange,
  type ExchangeSchema,
  InvalidArgumentError,
  loadSharedCandles,
  type SharedCandles,
} from "@candlewick/core";
import type { TrialJob } from "./trial-job.js";

/** The exchange name a trial's engine registers its candle folder under (shared candles name it too). */
export const TRIAL_EXCHANGE = "trial-candles";

/** Loads the candles of trials into shared memory, once, for a pool's workers or this thread's engines. */
export interface TrialCandleShares {
  /** The shares a job's backtests read: each symbol's 1m candles, and its strategy interval's when not 1m. */
  sharesFor(job: TrialJob, strategyInterval: CandleInterval): Promise<readonly SharedCandles[]>;
  /** Each symbol's 1m candles only, in `job.symbols` order: what a backtest of the job's frame loads first. */
  minuteShares(job: TrialJob): Promise<readonly SharedCandles[]>;
  /** The CSV exchange the shares of `dir` load through (one per folder: each file parsed once). */
  exchangeFor(dir: string): ExchangeSchema;
  /** Forgets every share (workers still running a job keep theirs). */
  clear(): void;
}

/** Options of {@link createTrialCandleShares}. */
export interface TrialCandleSharesOptions {
  /** The engine config the trials run with: it sets the backtest's warm-up and horizon, so the 1m span. */
  readonly config?: Partial<CandlewickConfig>;
  /**
   * Spans kept per (folder, symbol, interval), newest first (default 1): a study's trials share one frame, a
   * walk-forward moves from fold to fold; an in-process runner serving several frames at once keeps more.
   */
  readonly spansPerFeed?: number;
}

/**
 * Shares for trial jobs, loaded once per (folder, symbol, interval, span) through one CSV exchange per folder.
 * The 1m share is exactly what a backtest of the job's frame loads first (`backtestCandleSpan`): its data must end
 * where an in-process backtest's does. The strategy interval's share holds the whole history up to the same
 * horizon and says so (`historyExhausted`): look-backs only read closed candles before the tick, so a longer
 * history changes nothing but the requests a worker would otherwise make to its own exchange.
 * The latest `spansPerFeed` spans of each (folder, symbol, interval) are kept. The pool runner and the in-process
 * runner (`createTrialJobRunner`) both load through this, so their 1m candles are the same by construction.
 * @throws InvalidArgumentError for a `spansPerFeed` that is not an integer >= 1.
 */
export function createTrialCandleShares(options: TrialCandleSharesOptions = {}): TrialCandleShares {
  const { config, spansPerFeed = 1 } = options;
  if (!Number.isSafeInteger(spansPerFeed) || spansPerFeed < 1) {
    throw new InvalidArgumentError(
      "createTrialCandleShares",
      "spansPerFeed",
      spansPerFeed,
      "an integer >= 1",
    );
  }
  const exchanges = new Map<string, ExchangeSchema>();
  // Per feed key, its kept spans, newest last (a handful at most: a scan is cheaper than a second map).
  const kept = new Map<string, { readonly span: string; readonly share: Promise<SharedCandles> }[]>();

  const exchangeFor = (dir: string): ExchangeSchema => {
    let exchange = exchanges.get(dir);
    if (exchange === undefined) {
      exchange = createCsvExchange({ exchangeName: TRIAL_EXCHANGE, dir });
      exchanges.set(dir, exchange);
    }
    return exchange;
  };

  const shareOf = (
    dir: string,
    symbol: string,
    interval: CandleInterval,
    from: number,
    to: number,
  ): Promise<SharedCandles> => {
    const key = `${dir}\0${symbol}\0${interval}`;
    const span = `${from}-${to}`;
    let spans = kept.get(key);
    if (spans === undefined) {
      spans = [];
      kept.set(key, spans);
    }
    const known = spans.find((entry) => entry.span === span);
    if (known !== undefined) return known.share;
    const loaded = loadSharedCandles(exchangeFor(dir), symbol, interval, new Date(from), new Date(to));
    // From the epoch nothing can be older: the worker's look-backs need not ask its exchange to find that out.
    const share = from === 0 ? loaded.then((shared) => ({ ...shared, historyExhausted: true })) : loaded;
    // A failed load is not kept: the next job reports the same error.
    share.catch(() => {
      const entries = kept.get(key);
      const index = entries?.findIndex((entry) => entry.share === share) ?? -1;
      if (index >= 0) entries!.splice(index, 1);
    });
    spans.push({ span, share });
    if (spans.length > spansPerFeed) spans.shift();
    return share;
  };

  const minuteSpan = (job: TrialJob) =>
    backtestCandleSpan(
      {
        frameName: "trial",
        interval: job.frame.interval as CandleInterval,
        startDate: new Date(job.frame.startMs),
        endDate: new Date(job.frame.endMs),
      },
      config,
    );

  return {
    async sharesFor(job, strategyInterval) {
      const { from, to } = minuteSpan(job);
      const dir = job.candles.dir;
      const loads = job.symbols.flatMap((symbol) => [
        shareOf(dir, symbol, "1m", from, to),
        ...(strategyInterval === "1m" ? [] : [shareOf(dir, symbol, strategyInterval, 0, to)]),
      ]);
      return Promise.all(loads);
    },
    async minuteShares(job) {
      const { from, to } = minuteSpan(job);
      return Promise.all(job.symbols.map((symbol) => shareOf(job.candles.dir, symbol, "1m", from, to)));
    },
    exchangeFor,
    clear: () => kept.clear(),
  };
}
