import { CandlewickError } from "../errors/candlewick-error.js";
import type { RunContext } from "../kernel/run-context.js";
import type { OrderIntent } from "./order-intent.js";
import type { TransientFailure } from "./send-intents.js";

/** Transient failures in a row of one intent (sends and lookups) before it is reported as `ORDER_UNRESOLVED`. */
export const UNRESOLVED_REPORT_AT_FAILURES = 5;
/** Run-clock time since an intent's first transient failure after which it is reported, however few the tries. */
export const UNRESOLVED_REPORT_AFTER_MS = 5 * 60_000;

interface Streak {
  failures: number;
  readonly since: number;
  /** The failure count of the next report; 0 before the first. */
  reportAt: number;
}

/**
 * Watches intents whose sends and lookups keep failing with an unknown outcome (timeouts, network, 5xx, 429).
 * The order flow goes on with them as always — each try is a lookup by client order id first, a resend only if
 * the venue has no such order, so it is never placed twice — but an outage is not retried silently forever: once
 * an intent has failed `UNRESOLVED_REPORT_AT_FAILURES` times in a row, or `UNRESOLVED_REPORT_AFTER_MS` after its
 * first failure, it is reported on `listenError` as `ORDER_UNRESOLVED`, then again at each tenfold of the
 * failures (50, 500, ...), like `LISTENER_BACKLOG`. A call the broker held back without sending it (waiting out
 * a venue's `Retry-After`: `details.sent === false`) is not counted as a try, but the time rule runs on. A streak ends when the venue answers for the intent (it is
 * acknowledged, filled, refused or cancelled). Streaks live in the process: a restart starts counting again.
 */
export class UnresolvedIntents {
  private readonly streaks = new Map<string, Streak>();

  constructor(
    private readonly run: RunContext,
    private readonly brokerName: string,
  ) {}

  /**
   * After a pass over the journal, at run-clock time `when`: counts its transient failures, ends the streaks of
   * intents the venue has answered for (`intentOf` gives the journal's view; undefined once pruned), and
   * returns the reports now due.
   */
  observe(
    failures: readonly TransientFailure[],
    intentOf: (clientOrderId: string) => OrderIntent | undefined,
    when: number,
  ): CandlewickError[] {
    const failed = new Set<string>();
    const reports: CandlewickError[] = [];
    for (const { intent, error } of failures) {
      const id = intent.clientOrderId;
      // One count per pass: a send that failed after a lookup that found nothing is one try.
      if (failed.has(id)) continue;
      failed.add(id);
      const streak = this.streaks.get(id) ?? { failures: 0, since: when, reportAt: 0 };
      this.streaks.set(id, streak);
      // A call the broker held back unsent (a venue's Retry-After) is not a try; its time counts.
      if (error.details.sent !== false) streak.failures++;
      const due =
        streak.reportAt === 0
          ? streak.failures >= UNRESOLVED_REPORT_AT_FAILURES ||
            when - streak.since >= UNRESOLVED_REPORT_AFTER_MS
          : streak.failures >= streak.reportAt;
      if (!due) continue;
      streak.reportAt = (streak.reportAt === 0 ? UNRESOLVED_REPORT_AT_FAILURES : streak.reportAt) * 10;
      reports.push(this.errorOf(intent, streak, error.message, error.reason, when));
    }
    for (const id of [...this.streaks.keys()]) {
      if (failed.has(id)) continue;
      const status = intentOf(id)?.status;
      if (status !== "pending" && status !== "sent") this.streaks.delete(id);
    }
    return reports;
  }

  /** Intents in a streak now, and its failures (for tests and the run's log). */
  failuresOf(clientOrderId: string): number {
    return this.streaks.get(clientOrderId)?.failures ?? 0;
  }

  private errorOf(
    intent: OrderIntent,
    streak: Streak,
    last: string,
    reason: string,
    when: number,
  ): CandlewickError {
    const { request } = intent;
    const minutes = Math.round((when - streak.since) / 60_000);
    return new CandlewickError(
      "ORDER_UNRESOLVED",
      `[core] ${this.run.strategyName} on ${this.run.symbol}: order ${intent.clientOrderId} (${intent.leg.kind} of signal ${intent.signalId}, ${request.side} ${request.quantity} ${request.symbol}) has failed with an unknown outcome ${streak.failures} times in a row over ${minutes} min at ${this.brokerName}; last: ${last}. It goes on being looked up by its client order id before any resend, so it is never placed twice, and its signal's events wait. See architecture/live.md, runbook "ORDER_UNRESOLVED"`,
      {
        details: {
          strategyName: this.run.strategyName,
          symbol: this.run.symbol,
          brokerName: this.brokerName,
          clientOrderId: intent.clientOrderId,
          signalId: intent.signalId,
          leg: intent.leg.kind,
          status: intent.status,
          failures: streak.failures,
          since: streak.since,
          lastReason: reason,
        },
      },
    );
  }
}
