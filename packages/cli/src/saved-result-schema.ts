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
