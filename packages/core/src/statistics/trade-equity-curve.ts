import type { TradeEquityCurve } from "../spec/reports/backtest-data.js";
import type { ClosedResult } from "../spec/tick-result.js";
import { walkEquityCurve } from "./equity-curve.js";

/**
 * The compounded equity curve of closed trades, walked in the order given (pass them in close order, as
 * `Backtest.getData`'s `signalList` is), with the same arithmetic as `computeStatistics`, so its last equity is
 * 1 + compoundedReturn/100 and its largest drawdown is `maxDrawdown`.
 *
 * @param trades closed trades in close order (validated by `computeStatistics` before this is called)
 * @param periodStart time of point 0 (equity 1); the first trade's open when there is no period
 */
export function tradeEquityCurve(
  trades: readonly ClosedResult[],
  periodStart: number | null,
): TradeEquityCurve {
  const n = trades.length;
  const order = new Array<number>(n);
  const pnl = new Float64Array(n);
  const trough = new Float64Array(n);
  const timestamps = [periodStart ?? (n > 0 ? trades[0]!.signal.pendingAt : 0)];
  for (let i = 0; i < n; i++) {
    order[i] = i;
    pnl[i] = trades[i]!.pnl.pnlPercentage;
    trough[i] = trades[i]!.pnl.troughPercentage;
    timestamps.push(trades[i]!.closeTimestamp);
  }
  const curve = { equity: [1], drawdownPercent: [0], troughDrawdownPercent: [0] };
  walkEquityCurve(order, pnl, trough, curve);
  return { timestamps, ...curve };
}
