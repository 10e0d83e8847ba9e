import type { SignalPosition } from "../spec/signal.js";

/**
 * Net PnL of a round trip in percent of the entry, fees and slippage included (ARCHITECTURE §5).
 * Slippage moves both prices against the trader; the fee is charged on both sides, the exit fee on the exit value:
 *   long:  O = open·(1+s), C = close·(1−s), pnl% = (C−O)/O·100 − fee%·(1 + C/O)
 *   short: O = open·(1−s), C = close·(1+s), pnl% = (O−C)/O·100 − fee%·(1 + C/O)
 * With the defaults (0.1% each) a flat round trip costs about −0.3996%.
 */
export function computePnlPercentage(
  position: SignalPosition,
  priceOpen: number,
  priceClose: number,
  percentFee: number,
  percentSlippage: number,
): number {
  const slip = percentSlippage / 100;
  if (position === "long") {
    const open = priceOpen * (1 + slip);
    const close = priceClose * (1 - slip);
    return ((close - open) / open) * 100 - percentFee * (1 + close / open);
  }
  const open = priceOpen * (1 - slip);
  const close = priceClose * (1 + slip);
  return ((open - close) / open) * 100 - percentFee * (1 + close / open);
}

/** The smallest take-profit distance (percent) that does not lose money: two sides of fee and slippage. */
export function roundTripCostPercent(percentFee: number, percentSlippage: number): number {
  return 2 * (percentFee + percentSlippage);
}
