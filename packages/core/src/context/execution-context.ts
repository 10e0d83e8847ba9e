import { AsyncLocalStorage } from "node:async_hooks";
import { CandlewickError } from "../errors/candlewick-error.js";
import type { PositionCommands } from "../kernel/position/position-commands.js";
import type { RunContext } from "../kernel/run-context.js";

/**
 * The ambient "where and when" of strategy code. Every await inside `getSignal`, callbacks and helpers it
 * calls (Promise.all included) sees the same context, which is how `getCandles` knows the time and why a
 * strategy cannot see the future.
 */
export interface ExecutionContext {
  readonly symbol: string;
  /** Current time of the run, epoch ms. */
  readonly when: number;
  readonly backtest: boolean;
  readonly run: RunContext;
  /** The (strategy, symbol)'s position, for `commit*` and `getPendingSignal` (set in strategy code of a run). */
  readonly position?: PositionCommands;
}

const storage = new AsyncLocalStorage<ExecutionContext>();

/** Runs `fn` inside a fresh context (one per call, so work left running from an earlier tick keeps its own time). */
export function runInContext<T>(context: ExecutionContext, fn: () => T): T {
  return storage.run(context, fn);
}

/** The current context, or a clear error naming `caller` when called outside a run. */
export function requireContext(caller: string): ExecutionContext {
  const context = storage.getStore();
  if (context === undefined) {
    throw new CandlewickError(
      "NO_EXECUTION_CONTEXT",
      `[core] ${caller}() needs an execution context: call it inside getSignal, a strategy callback or a listener of a running strategy`,
      { details: { caller } },
    );
  }
  return context;
}

/** The current context, or undefined outside a run. */
export function currentContext(): ExecutionContext | undefined {
  return storage.getStore();
}
