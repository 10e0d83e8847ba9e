import { CandlewickError } from "../errors/candlewick-error.js";
import type { PositionCommands } from "../kernel/position/position-commands.js";
import type { PositionSnapshot } from "../spec/position.js";
import type { SignalDto, SignalRow } from "../spec/signal.js";
import { requireContext } from "./execution-context.js";

// backtest-kit's command names, so migrating code keeps working; architecture/positions.md lists where the
// semantics differ. Each acts on the position of the (strategy, symbol) whose code is running, at its time.

function commandsFor(caller: string, symbol: string): PositionCommands {
  const context = requireContext(caller);
  if (context.position === undefined) {
    throw new CandlewickError(
      "NO_POSITION_CONTEXT",
      `[core] ${caller}() needs the strategy code of a run (getSignal or onOpenInterval)`,
      { details: { caller } },
    );
  }
  if (symbol !== context.symbol) {
    throw new CandlewickError(
      "POSITION_SYMBOL_MISMATCH",
      `[core] ${caller}("${String(symbol)}") was called in the code running for ${context.symbol}; a strategy changes only its own symbol's position`,
      { details: { caller, symbol, contextSymbol: context.symbol } },
    );
  }
  return context.position;
}

/** Exits `percent` % of the quantity held at the market price, if the price is on the profit side of the entry. */
export function commitPartialProfit(symbol: string, percent: number): boolean {
  return commandsFor("commitPartialProfit", symbol).partialExit("profit", percent);
}

/** Exits `percent` % of the quantity held at the market price, if the price is on the loss side of the entry. */
export function commitPartialLoss(symbol: string, percent: number): boolean {
  return commandsFor("commitPartialLoss", symbol).partialExit("loss", percent);
}

/**
 * Puts the stop `distancePercent` % behind the current market price, if that tightens it (backtest-kit shifts
 * from the original distance instead).
 */
export function commitTrailingStop(symbol: string, distancePercent: number): boolean {
  return commandsFor("commitTrailingStop", symbol).trailStop(distancePercent);
}

/** Puts the take-profit `distancePercent` % beyond the current market price. */
export function commitTrailingTake(symbol: string, distancePercent: number): boolean {
  return commandsFor("commitTrailingTake", symbol).trailTake(distancePercent);
}

/** Moves the stop to the entry plus the round-trip cost, once the market is beyond it. */
export function commitBreakeven(symbol: string): boolean {
  return commandsFor("commitBreakeven", symbol).breakevenNow();
}

/** Adds to the open position at the market price (DCA): `cost` quote, or the sizing's size. Risk-checked. */
export function commitAverageBuy(symbol: string, cost?: number): boolean {
  return commandsFor("commitAverageBuy", symbol).averageBuy(cost);
}

/** Closes the open position now at the market price (reason `closed`). */
export function commitClosePending(symbol: string): boolean {
  return commandsFor("commitClosePending", symbol).closeNow();
}

/** Cancels the scheduled (limit) entry now (reason `user`). */
export function commitCancelScheduled(symbol: string): boolean {
  return commandsFor("commitCancelScheduled", symbol).cancelNow();
}

/** Fills the scheduled entry now at the market price instead of its limit. */
export function commitActivateScheduled(symbol: string): boolean {
  return commandsFor("commitActivateScheduled", symbol).activateNow();
}

/** Queues a signal for the next idle tick: it is used instead of asking `getSignal`, and validated then. */
export function commitCreateSignal(symbol: string, dto: SignalDto): void {
  commandsFor("commitCreateSignal", symbol).queueSignal(dto);
}

/** The open position's row, or null. */
export function getPendingSignal(symbol: string): SignalRow | null {
  return commandsFor("getPendingSignal", symbol).pendingSignal();
}

/** The scheduled entry's row, or null. */
export function getScheduledSignal(symbol: string): SignalRow | null {
  return commandsFor("getScheduledSignal", symbol).scheduledSignal();
}

/** Size, entries, exits and PnL so far of the open position (marked at the market price), or null. */
export function getPosition(symbol: string): PositionSnapshot | null {
  return commandsFor("getPosition", symbol).positionNow();
}
