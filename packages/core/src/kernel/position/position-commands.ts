import type { PositionSnapshot } from "../../spec/position.js";
import type { SignalDto, SignalRow } from "../../spec/signal.js";

/**
 * What strategy code may do to its own position, through `commitPartialProfit` and the other functions: the
 * runner of the (strategy, symbol) the execution context belongs to implements it. Commands act at the context's
 * time and the market price then; they return false when they change nothing (a stop that would loosen, a
 * breakeven not reached yet, a DCA add a risk refused) and throw on a bad argument or when nothing is open.
 */
export interface PositionCommands {
  partialExit(kind: "profit" | "loss", percent: number): boolean;
  trailStop(distancePercent: number): boolean;
  trailTake(distancePercent: number): boolean;
  breakevenNow(): boolean;
  averageBuy(cost: number | undefined): boolean;
  closeNow(): boolean;
  cancelNow(): boolean;
  activateNow(): boolean;
  queueSignal(dto: SignalDto): void;
  pendingSignal(): SignalRow | null;
  scheduledSignal(): SignalRow | null;
  positionNow(): PositionSnapshot | null;
}
