import { z } from "zod";

// The parts of a saved result the markdown renderers read. Loose: newer fields pass through; a file that lacks
// these or has them of another type is refused with the path of the first bad field, before anything is rendered.
const number = z.number();
const stat = z.number().nullable();
const statistics = {
  tradeCount: number,
  winCount: number,
  lossCount: number,
  winRate: stat,
  totalPnl: stat,
  avgPnl: stat,
  sharpeRatio: stat,
  maxDrawdown: stat,
  periodStart: stat,
  periodEnd: stat,
};

const trade = z.looseObject({
  symbol: z.string(),
  closeReason: z.string(),
  closeTimestamp: number,
  signal: z.looseObject({ position: z.string(), priceOpen: number, pendingAt: number }),
  pnl: z.looseObject({ pnlPercentage: number }),
});

/** `data` of a saved backtest result (core's `BacktestData`). */
export const savedBacktestData = z.looseObject({
  strategyName: z.string(),
  symbols: z.array(z.string()),
  signalList: z.array(trade),
  ...statistics,
});

/** `data` of a saved walker result (core's `WalkerData`). */
export const savedWalkerData = z.looseObject({
  walkerName: z.string(),
  symbols: z.array(z.string()),
  metric: z.string(),
  metricLabel: z.string(),
  strategies: z.array(
    z.looseObject({
      rank: number,
      strategyName: z.string(),
      metricValue: stat,
      stats: z.looseObject(statistics),
    }),
  ),
});

/** `data.strategyName: expected string, received number`: the first problem of a failed parse, in one line. */
export function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0]!;
  const path = ["data", ...issue.path.map(String)].join(".");
  return `${path}: ${issue.message}`;
}

const span = z.looseObject({ startMs: number, endMs: number });
const trialRecord = z.looseObject({
  number,
  params: z.record(z.string(), z.unknown()),
  value: number,
  metrics: z.record(z.string(), number),
  state: z.string(),
});
const percentiles = z.looseObject({ p5: number, p25: number, p50: number, p75: number, p95: number });
const studyInfo = { title: z.string(), settings: z.array(z.string()), statistic: z.string() };

/** `data` of a saved optimisation (`candlewick optimize --json`). */
export const savedOptimizeData = z.looseObject({
  ...studyInfo,
  direction: z.enum(["maximize", "minimize"]),
  trials: z.array(trialRecord),
});

/** `data` of a saved walk-forward (`candlewick walkforward --json`: research's `WalkForwardResult` and its info). */
export const savedWalkForwardData = z.looseObject({
  ...studyInfo,
  folds: z.array(
    z.looseObject({
      window: z.looseObject({ index: number, inSample: span, outOfSample: span }),
      inSample: z.looseObject({ returnPct: number, annualisedReturnPct: stat }),
      outOfSample: z.looseObject({ returnPct: number, annualisedReturnPct: stat, trades: z.array(trade) }),
      efficiency: stat,
    }),
  ),
  trades: z.array(trade),
  equity: z.array(z.looseObject({ timestamp: number, equity: number })),
  statistics: z.looseObject(statistics),
  outOfSampleReturnPct: number,
  outOfSampleAnnualisedPct: stat,
  inSampleAnnualisedPct: stat,
  efficiency: stat,
});

/** `data` of a saved Monte Carlo (`candlewick montecarlo --json`). */
export const savedMonteCarloData = z.looseObject({
  title: z.string(),
  settings: z.array(z.string()),
  results: z.array(
    z.looseObject({
      method: z.string(),
      simulations: number,
      tradeCount: number,
      actual: z.looseObject({ finalReturnPct: number, maxDrawdownPct: number, longestLosingStreak: number }),
      finalReturnPct: percentiles,
      maxDrawdownPct: percentiles,
      longestLosingStreak: percentiles,
    }),
  ),
});

/** `data` of a saved portfolio backtest (core's `PortfolioData`, `candlewick backtest --portfolio --json`). */
export const savedPortfolioData = z.looseObject({
  portfolioName: z.string(),
  symbols: z.array(z.string()),
  strategies: z.array(z.string()),
  periodStart: number,
  periodEnd: number,
  statistics: z.looseObject({ initialCapital: number, finalEquity: number }),
  ledger: z.looseObject({ initialCapital: number }),
  equity: z.looseObject({}),
  breakdown: z.looseObject({}),
  signalList: z.array(trade),
});
