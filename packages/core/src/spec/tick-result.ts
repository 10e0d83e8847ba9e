import type { CloseReason, DropReason, SignalPnl, SignalRow } from "./signal.js";

interface TickResultBase {
  readonly symbol: string;
  readonly strategyName: string;
  readonly exchangeName: string;
  /** Empty string in live mode. */
  readonly frameName: string;
  /** True in backtests (and walker runs), false live. */
  readonly backtest: boolean;
  /** Time of the event (epoch ms). */
  readonly timestamp: number;
  /** Market price at the event. */
  readonly currentPrice: number;
}

/** Nothing open and nothing new. Only reported live. */
export interface IdleResult extends TickResultBase {
  readonly action: "idle";
  readonly signal: null;
}

/** A limit entry is waiting for its price. */
export interface ScheduledResult extends TickResultBase {
  readonly action: "scheduled";
  readonly signal: SignalRow;
}

/** A position opened (a market entry, or a scheduled entry that activated). */
export interface OpenedResult extends TickResultBase {
  readonly action: "opened";
  readonly signal: SignalRow;
}

/** A position is open and still running. Only reported live. */
export interface ActiveResult extends TickResultBase {
  readonly action: "active";
  readonly signal: SignalRow;
}

/** A position closed. */
export interface ClosedResult extends TickResultBase {
  readonly action: "closed";
  readonly signal: SignalRow;
  readonly closeReason: CloseReason;
  /** When the close was decided (epoch ms): the close of the minute in which a level was hit, or the expiry time. */
  readonly closeTimestamp: number;
  readonly pnl: SignalPnl;
}

/** The venue's refusal of an order, as the broker reported it. */
export interface VenueRejection {
  /** The broker's reason code, e.g. `insufficient_balance`, or a safety rail's name. */
  readonly reason: string;
  readonly message: string;
}

/**
 * A scheduled signal was dropped before it opened, or (live with a broker) the venue refused its entry. It carries a zero `pnl` and `closeReason: "cancelled"`
 * so that code written for closed results (`result.pnl.pnlPercentage`) keeps working on every result.
 */
export interface CancelledResult extends TickResultBase {
  readonly action: "cancelled";
  readonly signal: SignalRow;
  readonly closeReason: "cancelled";
  readonly cancelReason: DropReason;
  readonly closeTimestamp: number;
  readonly pnl: SignalPnl;
  /** With `entry_rejected`: what the venue (or a safety rail) said. */
  readonly rejection?: VenueRejection;
}

/** Every state a (strategy, symbol) pair reports. Discriminated by `action`. */
export type TickResult =
  | IdleResult
  | ScheduledResult
  | OpenedResult
  | ActiveResult
  | ClosedResult
  | CancelledResult;

/** What `Backtest.run` yields: every finished signal. */
export type BacktestResult = ClosedResult | CancelledResult;

/** What `Live.run` yields. */
export type LiveResult = ScheduledResult | OpenedResult | ClosedResult | CancelledResult;

/** The lifecycle events delivered to `listenSignal*`. */
export type SignalEvent = ScheduledResult | OpenedResult | ClosedResult | CancelledResult;
