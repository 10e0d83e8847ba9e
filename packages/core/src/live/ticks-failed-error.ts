import { CandlewickError } from "../errors/candlewick-error.js";
import type { RunContext } from "../kernel/run-context.js";
import type { RunnerSnapshot } from "../kernel/signal-runner.js";

/** Failed ticks in a row before a live run stops, unless `maxFailedTicks` says otherwise. */
export const DEFAULT_MAX_FAILED_TICKS = 10;

/** Consecutive ticks whose candles could not be loaded (each one already retried). */
export class FailedTicks {
  count = 0;
  private first = 0;

  constructor(private readonly max: number) {}

  /** A tick at `when` worked: the count starts again. */
  succeeded(): void {
    this.count = 0;
  }

  /** A tick at `when` failed; true when that makes `max` in a row and the run must stop. */
  failed(when: number): boolean {
    if (this.count === 0) this.first = when;
    this.count++;
    return this.count >= this.max;
  }

  /** The error that ends the run: what failed, since when, what is open, and that the state is kept. */
  error(run: RunContext, last: number, cause: unknown, snapshot: RunnerSnapshot): CandlewickError {
    const reason = cause instanceof Error ? cause.message : String(cause);
    const signal = snapshot.signal;
    const holding =
      signal === null
        ? "nothing is open"
        : `position ${signal.id} is ${snapshot.phase === "opened" ? "open" : "scheduled"} (${signal.position}, lifetime ${signal.minuteEstimatedTime} min) and stays in the state`;
    return new CandlewickError(
      "LIVE_TICKS_FAILED",
      `[core] live run of "${run.strategyName}" on ${run.symbol}: ${this.count === 1 ? `the tick at ${new Date(last).toISOString()} failed` : `${this.count} ticks in a row failed (${new Date(this.first).toISOString()} to ${new Date(last).toISOString()})`}, the last with: ${reason}; the run stops (maxFailedTicks: ${this.max}) rather than go on blind; ${holding}, and the next start resumes it`,
      {
        details: {
          strategyName: run.strategyName,
          symbol: run.symbol,
          exchangeName: run.exchangeName,
          failedTicks: this.count,
          maxFailedTicks: this.max,
          firstFailedTick: this.first,
          lastFailedTick: last,
        },
        cause,
      },
    );
  }
}
