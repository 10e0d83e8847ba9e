import {
  backtestCandleSpan,
  type CandleInterval,
  type CandlewickConfig,
  createCsvExchange,
  type ExchangeSchema,
  loadSharedCandles,
  type SharedCandles,
} from "@candlewick/core";
import { TRIAL_EXCHANGE } from "./run-trial-job.js";
import type { TrialJob } from "./trial-job.js";

/** Loads the candles of trials into shared memory in the calling thread, for a pool's workers. */
export interface TrialCandleShares {
  /** The shares a job's backtests read: each symbol's 1m candles, and its strategy interval's when not 1m. */
  sharesFor(job: TrialJob, strategyInterval: CandleInterval): Promise<readonly SharedCandles[]>;
  /** Forgets every share (workers still running a job keep theirs). */
  clear(): void;
}

/**
 * Shares for trial jobs, loaded once per (folder, symbol, interval, span) through one CSV exchange per folder.
 * The 1m share is exactly what a backtest of the job's frame loads first (`backtestCandleSpan`): its data must end
 * where an in-process backtest's does. The strategy interval's share holds the whole history up to the same
 * horizon and says so (`historyExhausted`): look-backs only read closed candles before the tick, so a longer
 * history changes nothing but the requests a worker would otherwise make to its own exchange.
 * Only the latest span of each (folder, symbol, interval) is kept: a study's trials share one frame, a
 * walk-forward moves from fold to fold.
 */
export function createTrialCandleShares(config?: Partial<CandlewickConfig>): TrialCandleShares {
  const exchanges = new Map<string, ExchangeSchema>();
  const latest = new Map<string, { readonly span: string; readonly share: Promise<SharedCandles> }>();

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
    const known = latest.get(key);
    if (known?.span === span) return known.share;
    const loaded = loadSharedCandles(exchangeFor(dir), symbol, interval, new Date(from), new Date(to));
    // From the epoch nothing can be older: the worker's look-backs need not ask its exchange to find that out.
    const share = from === 0 ? loaded.then((shared) => ({ ...shared, historyExhausted: true })) : loaded;
    // A failed load is not kept: the next job reports the same error.
    share.catch(() => {
      if (latest.get(key)?.share === share) latest.delete(key);
    });
    latest.set(key, { span, share });
    return share;
  };

  return {
    async sharesFor(job, strategyInterval) {
      const { from, to } = backtestCandleSpan(
        {
          frameName: "trial",
          interval: job.frame.interval as CandleInterval,
          startDate: new Date(job.frame.startMs),
          endDate: new Date(job.frame.endMs),
        },
        config,
      );
      const dir = job.candles.dir;
      const loads = job.symbols.flatMap((symbol) => [
        shareOf(dir, symbol, "1m", from, to),
        ...(strategyInterval === "1m" ? [] : [shareOf(dir, symbol, strategyInterval, 0, to)]),
      ]);
      return Promise.all(loads);
    },
    clear: () => latest.clear(),
  };
}
