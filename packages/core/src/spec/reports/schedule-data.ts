import type { CancelReason } from "../signal.js";

/** Scheduled (limit) entries of a strategy in one mode. */
export interface ScheduleStats {
  /** `scheduled` events: limit entries that started waiting for their price. */
  readonly scheduled: number;
  /** `opened` events of scheduled signals: the entry price was reached. Market entries are not counted. */
  readonly activated: number;
  /** `cancelled` events: dropped before they opened (timeout, stop crossed first, end of data, user). */
  readonly cancelled: number;
  /** Scheduled signals still waiting for their price (neither activated nor cancelled yet). */
  readonly pending: number;
  /** activated / (activated + cancelled) × 100, in %: still-pending signals are left out. Null when none resolved. */
  readonly activationRate: number | null;
  /** cancelled / (activated + cancelled) × 100, in %. Null when none resolved. */
  readonly cancellationRate: number | null;
  /** Mean (pendingAt − scheduledAt) of the activated ones, in minutes. Null when none activated. */
  readonly avgActivationWaitMinutes: number | null;
  /** Mean (closeTimestamp − scheduledAt) of the cancelled ones, in minutes. Null when none was cancelled. */
  readonly avgCancellationWaitMinutes: number | null;
  /** Mean wait of every resolved one (activated or cancelled), in minutes. Null when none resolved. */
  readonly avgWaitMinutes: number | null;
  /** Cancellations by reason. */
  readonly cancelReasons: Readonly<Record<CancelReason, number>>;
}

/**
 * `Schedule.getData`: what happened to a strategy's scheduled entries, backtest and live apart. Backtest figures
 * cover each symbol's latest backtest (a new backtest of a strategy on a symbol replaces them, as in
 * `Backtest.getData`); live figures cover every live event since core was loaded. JSON-serialisable.
 */
export interface ScheduleData {
  readonly strategyName: string;
  /** Symbols with at least one scheduled, activated or cancelled signal. */
  readonly symbols: readonly string[];
  readonly backtest: ScheduleStats;
  readonly live: ScheduleStats;
}
