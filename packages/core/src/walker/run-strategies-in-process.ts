import { runBacktestWith } from "../backtest/backtest.js";
import type { BacktestRecorder, SymbolTrades } from "../backtest/trade-journal.js";
import type { StrategyOutcome } from "./strategy-outcome.js";
import type { WalkerPlan } from "./walker-plan.js";

/**
 * Backtests the walker's strategies one after another in this thread, each as a normal `Backtest.run` with the
 * plan's config, and yields each one's trades as it finishes. Stops at the next closed trade once `abort` fires.
 */
export async function* runStrategiesInProcess(
  plan: WalkerPlan,
  onStart: (strategyName: string) => Promise<void>,
  abort?: AbortSignal,
): AsyncGenerator<StrategyOutcome, void, undefined> {
  const { engine, schema, symbol, config } = plan;
  for (const [index, strategyName] of schema.strategies.entries()) {
    if (abort?.aborted) return;
    await onStart(strategyName);
    // The walker keeps the record its own backtest appends to (still in the journal, so `Backtest.getData` sees
    // it until a newer run replaces it); a concurrent backtest of the same pair cannot change what it ranks.
    let own: SymbolTrades | undefined;
    const recorder: BacktestRecorder = {
      start: (...args) => {
        own = engine.journal.start(...args);
        return own;
      },
    };
    const run = runBacktestWith(
      engine,
      "Backtest.run",
      symbol,
      { strategyName, exchangeName: schema.exchangeName, frameName: schema.frameName, config },
      recorder,
    );
    for await (const _ of run) {
      if (abort?.aborted) return;
    }
    const { trades, periodStart, periodEnd } = own!;
    yield { index, strategyName, trades, periodStart, periodEnd };
  }
}
