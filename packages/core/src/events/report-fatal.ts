import { CandlewickError } from "../errors/candlewick-error.js";
import type { RunContext } from "../kernel/run-context.js";

/**
 * Reports the error that ended a background run (which has no consumer to throw to) on the error stream,
 * before the run's done event, so a done listener can rely on the error having been reported.
 */
export function reportFatal(error: unknown, run: RunContext, mode: "backtest" | "live"): void {
  run.engine.events.error.next(
    CandlewickError.isInstance(error)
      ? error
      : new CandlewickError(
          mode === "backtest" ? "BACKTEST_FAILED" : "LIVE_FAILED",
          `[core] ${mode} run of "${run.strategyName}" on ${run.symbol} failed: ${error instanceof Error ? error.message : String(error)}`,
          { details: { strategyName: run.strategyName, symbol: run.symbol }, cause: error },
        ),
  );
}
