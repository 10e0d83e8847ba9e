import type { FillModel } from "../fill-model.js";

/**
 * The trading costs and fill model a run's PnL was computed with, carried by `Backtest.getData` and
 * `Walker.getData` so that every report says what its numbers include.
 */
export interface RunCosts {
  /** Fee per side, in percent of the traded value. */
  readonly percentFee: number;
  /** Slippage per side, in percent of the price. */
  readonly percentSlippage: number;
  readonly fillModel: FillModel;
}
