/**
 * A real runner module for the trial-pool tests: one backtest of an SMA cross on 1m closes with the job's
 * (fast, slow) windows, over the job's frame, on the CSV exchange of the job's folder. In a pool it backtests
 * from the shared candles (`context.seed`); in process (no context) it loads them itself. It counts the 1m
 * requests its exchange received, so a test can see that shared candles left nothing to load.
 */
import {
  createCsvExchange,
  createEngine,
  type ExchangeSchema,
  getCandleColumns,
  type PoolRunnerContext,
  type SignalDto,
} from "@candlewick/core";

/** The fields of research's `TrialJob` this runner reads. */
export interface SmaTrialJob {
  readonly studyId: string;
  readonly trialNumber: number;
  readonly params: { readonly fast: number; readonly slow: number };
  readonly symbols: readonly string[];
  readonly candles: { readonly kind: "csv"; readonly dir: string };
  readonly frame: { readonly interval: string; readonly startMs: number; readonly endMs: number };
  readonly objective: { readonly statistic: string; readonly aggregate: "mean" | "sum" | "min" | "median" };
  readonly metrics: readonly string[];
}

export interface SmaTrialResult {
  readonly value: number;
  readonly metrics: Readonly<Record<string, number>>;
}

const EXCHANGE = "trial-csv";

/** Mean of `values[from, to)`. */
function mean(values: Float64Array, from: number, to: number): number {
  let sum = 0;
  for (let i = from; i < to; i++) sum += values[i]!;
  return sum / (to - from);
}

/** The CSV exchange, counting its 1m requests. */
function countingExchange(dir: string, counter: { requests: number }): ExchangeSchema {
  const csv = createCsvExchange({ exchangeName: EXCHANGE, dir });
  return {
    ...csv,
    getCandles: (symbol, interval, since, limit) => {
      if (interval === "1m") counter.requests += 1;
      return csv.getCandles(symbol, interval, since, limit);
    },
    getCandleColumns: (symbol, interval, since, limit) => {
      if (interval === "1m") counter.requests += 1;
      return csv.getCandleColumns!(symbol, interval, since, limit);
    },
  };
}

export async function runTrialJob(job: SmaTrialJob, context?: PoolRunnerContext): Promise<SmaTrialResult> {
  const { fast, slow } = job.params;
  const engine = createEngine({ name: `trial-${job.studyId}-${job.trialNumber}` });
  const counter = { requests: 0 };
  try {
    engine.addExchange(countingExchange(job.candles.dir, counter));
    const adopted = context?.seed(engine) ?? 0;
    engine.addFrame({
      frameName: "trial",
      interval: "1m",
      startDate: new Date(job.frame.startMs),
      endDate: new Date(job.frame.endMs),
    });
    engine.addStrategy({
      strategyName: "sma",
      interval: "1m",
      async getSignal(symbol): Promise<SignalDto | null> {
        const candles = await getCandleColumns(symbol, "1m", slow + 1);
        if (candles.length < slow + 1) return null;
        const closes = candles.close;
        const n = candles.length;
        const before = mean(closes, n - fast - 1, n - 1) - mean(closes, n - slow - 1, n - 1);
        const now = mean(closes, n - fast, n) - mean(closes, n - slow, n);
        const price = closes[n - 1]!;
        if (before <= 0 && now > 0)
          return { position: "long", priceTakeProfit: price * 1.01, priceStopLoss: price * 0.99, minuteEstimatedTime: 240 };
        if (before >= 0 && now < 0)
          return { position: "short", priceTakeProfit: price * 0.99, priceStopLoss: price * 1.01, minuteEstimatedTime: 240 };
        return null;
      },
    });
    const values: number[] = [];
    const metrics: Record<string, number> = {};
    for (const symbol of job.symbols) {
      for await (const _ of engine.Backtest.run(symbol, { strategyName: "sma", exchangeName: EXCHANGE, frameName: "trial" })) {
        // trades are read from getData below
      }
      const data = engine.Backtest.getData("sma", symbol) as unknown as Record<string, unknown>;
      values.push(Number(data[job.objective.statistic] ?? Number.NaN));
      for (const name of job.metrics) metrics[name] = (metrics[name] ?? 0) + Number(data[name] ?? Number.NaN);
    }
    metrics.exchangeRequests1m = counter.requests;
    metrics.sharesAdopted = adopted;
    return { value: values.reduce((sum, value) => sum + value, 0) / values.length, metrics };
  } finally {
    await engine.dispose();
  }
}

/** Probe for the tests: the first close of the first share as this worker sees it, and whether it is shared memory. */
export async function readFirstClose(
  _job: unknown,
  context?: PoolRunnerContext,
): Promise<{ close: number; shared: boolean }> {
  const share = context!.candles[0]!;
  const close = new Float64Array(share.buffer, 4 * share.length * 8, share.length)[0]!;
  return { close, shared: share.buffer instanceof SharedArrayBuffer };
}
