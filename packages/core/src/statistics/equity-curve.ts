/** What one walk along the compounded equity curve yields. */
export interface EquityCurveSummary {
  /** Equity after the last close, starting from 1; 0 when the account was wiped out. */
  readonly finalEquity: number;
  /** Largest fall from a running peak, in % (0..100), troughs within trades included. */
  readonly maxDrawdown: number;
}

/** Columns a walk appends one point to per trade, when the caller wants the curve itself (reports, not ranking). */
export interface EquityCurveRecorder {
  readonly equity: number[];
  readonly drawdownPercent: number[];
  readonly troughDrawdownPercent: number[];
}

/**
 * Walks the compounded equity curve in close order: equity starts at 1 (which is also the first peak, so a
 * first trade that loses counts as a drawdown) and is multiplied by 1 + r/100 at each close.
 *
 * Mark to market: just before a trade's close the curve also visits the trade's worst point,
 * equity × (1 + troughPercentage/100). That point is measured against the running peak but never becomes a
 * peak itself; the trade's best point (MFE) is not visited, because whether it came before or after the
 * trough is unknown and a peak visited too early would overstate the drawdown. Trades are taken one after
 * the other: with overlapping positions the trough of one trade is applied to the equity at its close, a
 * pooled approximation, not a portfolio with capital split between positions.
 *
 * Factors are floored at 0 (a loss beyond −100%, possible on a short, cannot take the account below zero),
 * and an account at 0 stays at 0, which is a 100% drawdown.
 *
 * @param order trade indices sorted by close time
 * @param pnl `pnlPercentage` per trade index
 * @param trough `troughPercentage` per trade index
 * @param record when given, receives the equity, the drawdown at close and the drawdown at the trough of each
 *   trade in walk order (the summary is the same either way)
 */
export function walkEquityCurve(
  order: ArrayLike<number>,
  pnl: Float64Array,
  trough: Float64Array,
  record?: EquityCurveRecorder,
): EquityCurveSummary {
  let equity = 1;
  let peak = 1;
  let maxDrawdown = 0;
  for (let k = 0; k < order.length; k++) {
    const i = order[k]!;
    const worst = equity * Math.max(1 + trough[i]! / 100, 0);
    const fallAtWorst = (peak - worst) / peak;
    if (fallAtWorst > maxDrawdown) maxDrawdown = fallAtWorst;
    equity *= Math.max(1 + pnl[i]! / 100, 0);
    if (equity > peak) peak = equity;
    const fallAtClose = (peak - equity) / peak;
    if (fallAtClose > maxDrawdown) maxDrawdown = fallAtClose;
    if (record !== undefined) {
      record.equity.push(equity);
      record.drawdownPercent.push(fallAtClose * 100);
      record.troughDrawdownPercent.push(Math.max(fallAtWorst, 0) * 100);
    }
  }
  return { finalEquity: equity, maxDrawdown: maxDrawdown * 100 };
}
