import { Backtest } from "../backtest/backtest.js";
import { backtestJournal } from "../backtest/trade-journal.js";
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
  const { schema, symbol, config } = plan;
  for (const [index, strategyName] of schema.strategies.entries()) {
    if (abort?.aborted) return;
    await onStart(strategyName);
    for await (const _ of Backtest.run(symbol, {
      strategyName,
      exchangeName: schema.exchangeName,
      frameName: schema.frameName,
      config,
    })) {
      if (abort?.aborted) return;
    }
    const recorded = backtestJournal.read(strategyName, symbol)!;
    yield { index, strategyName, ...recorded };
  }
}
