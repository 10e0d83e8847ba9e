import type { CloseReason } from "../../spec/signal.js";
import type { Extremes, ScanOutcome } from "./scan-types.js";

/**
 * A `closed` outcome at `price`. The exit price also bounds what the position experienced on its last candle,
 * so it is folded into the best/worst prices used for MFE/MAE.
 */
export function closedOutcome(
  reason: CloseReason,
  price: number,
  timestamp: number,
  extremes: Extremes,
  isLong: boolean,
): ScanOutcome {
  if (isLong ? price > extremes.best : price < extremes.best) extremes.best = price;
  if (isLong ? price < extremes.worst : price > extremes.worst) extremes.worst = price;
  return { kind: "closed", reason, price, timestamp };
}
