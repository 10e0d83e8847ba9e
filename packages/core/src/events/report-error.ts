import { CandlewickError } from "../errors/candlewick-error.js";
import type { RunContext } from "../kernel/run-context.js";

/**
 * Reports a recoverable error of a run on the error stream. Errors that are not Candlewick's own (a user's
 * `getSignal` throwing) are wrapped so the listener learns which strategy and symbol it came from.
 */
export function reportError(error: unknown, run: RunContext, what?: string): void {
  if (CandlewickError.isInstance(error)) {
    run.engine.events.error.next(error);
    return;
  }
  const message = error instanceof Error ? error.message : String(error);
  run.engine.events.error.next(
    new CandlewickError(
      "STRATEGY_ERROR",
      `[core] strategy "${run.strategyName}" on ${run.symbol}: ${what ?? "error"}: ${message}`,
      {
        details: { strategyName: run.strategyName, symbol: run.symbol, exchangeName: run.exchangeName },
        cause: error,
      },
    ),
  );
}
