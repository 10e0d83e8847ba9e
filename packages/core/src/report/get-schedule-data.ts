import { MINUTE_MS } from "../candles/interval.js";
import type { ScheduleData, ScheduleStats } from "../spec/reports/schedule-data.js";
import type { CancelReason } from "../spec/signal.js";
import type { ScheduleCounters, ScheduleTracker } from "./schedule-tracker.js";

/**
 * What happened to a strategy's scheduled (limit) entries, backtest and live apart, over every symbol or one.
 * A strategy that never scheduled anything gets zero counts and null rates, not an error.
 */
export function getScheduleData(
  tracker: ScheduleTracker,
  strategyName: string,
  symbol?: string,
): ScheduleData {
  const backtest = tracker.read(strategyName, "backtest", symbol);
  const live = tracker.read(strategyName, "live", symbol);
  return {
    strategyName,
    symbols: [...new Set([...backtest.keys(), ...live.keys()])].sort(),
    backtest: scheduleStats([...backtest.values()]),
    live: scheduleStats([...live.values()]),
  };
}

/** Adds up the counters of several symbols and derives the rates and mean waits. */
function scheduleStats(parts: readonly ScheduleCounters[]): ScheduleStats {
  const cancelReasons: Record<CancelReason, number> = {
    timeout: 0,
    price_reject: 0,
    end_of_data: 0,
    user: 0,
  };
  let scheduled = 0;
  let activated = 0;
  let cancelled = 0;
  let activationWaitMs = 0;
  let cancellationWaitMs = 0;
  let pending = 0;
  for (const part of parts) {
    pending += part.waiting.size;
    scheduled += part.scheduled;
    activated += part.activated;
    cancelled += part.cancelled;
    activationWaitMs += part.activationWaitMs;
    cancellationWaitMs += part.cancellationWaitMs;
    for (const reason of Object.keys(cancelReasons) as CancelReason[])
      cancelReasons[reason] += part.cancelReasons[reason];
  }
  const resolved = activated + cancelled;
  return {
    scheduled,
    activated,
    cancelled,
    pending,
    activationRate: resolved > 0 ? (activated / resolved) * 100 : null,
    cancellationRate: resolved > 0 ? (cancelled / resolved) * 100 : null,
    avgActivationWaitMinutes: activated > 0 ? activationWaitMs / activated / MINUTE_MS : null,
    avgCancellationWaitMinutes: cancelled > 0 ? cancellationWaitMs / cancelled / MINUTE_MS : null,
    avgWaitMinutes: resolved > 0 ? (activationWaitMs + cancellationWaitMs) / resolved / MINUTE_MS : null,
    cancelReasons,
  };
}
