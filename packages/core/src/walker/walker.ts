import type { EngineState } from "../engine/engine-state.js";
import { CandlewickError } from "../errors/candlewick-error.js";
import type { PoolTaskBytes } from "../pool/worker-pool.js";
import { reportMethods } from "../report/report-methods.js";
import type { WalkerData } from "../spec/reports/walker-data.js";
import { getWalkerData } from "./get-walker-data.js";
import { planWalkerRun, type WalkerRunOptions } from "./plan-walker-run.js";
import { runWalker } from "./run-walker.js";
import type { WalkerProgress } from "./walker-progress.js";

/** Strategy comparison: backtests every strategy of a walker on one symbol and ranks them by its metric. `engine.Walker`. */
export interface WalkerApi {
  /**
   * Backtests each strategy of the walker on `symbol` (each a normal, isolated backtest) and yields progress
   * after each one. With `concurrency > 1` the backtests run on worker threads and produce exactly the same
   * results. Everything is checked before anything starts: a bad name or option throws here, naming it.
   */
  run(symbol: string, options: WalkerRunOptions): AsyncGenerator<WalkerProgress, void, undefined>;
  /**
   * Runs the same comparison in the background and returns a function that cancels it (at the next closed
   * trade in this thread; the pool's workers running its backtests are terminated at once and replaced). Progress arrives through `listenWalker`,
   * the end through `listenWalkerComplete`, a fatal error through `listenError`.
   */
  background(symbol: string, options: WalkerRunOptions): () => void;
  /**
   * Every tested strategy with its statistics, sorted by the walker's metric, best first (null values last; a
   * null never wins; `maxDrawdown` ranks the smallest first). With `symbol`: that symbol's latest run; without:
   * each strategy's trades on every symbol the walker ran on, pooled.
   */
  getData(walkerName: string, symbol?: string): WalkerData;
  /** The comparison rendered by the engine's reporter (`setReporter`). */
  getReport(walkerName: string, symbol?: string): string;
  /**
   * Writes the comparison (every symbol the walker ran on) to `<dir>/<walkerName><ext>` atomically, creating
   * `dir`. Returns the file's path. Default dir `./dump/walker`.
   */
  dump(walkerName: string, dir?: string): Promise<string>;
  /**
   * What the engine's worker pools (`concurrency > 1`) copied to their workers so far: task count and
   * structured-clone bytes (names, config, params); the shared candles they referred to are counted apart,
   * since they are not copied.
   */
  getPoolStats(): PoolTaskBytes;
}

/** The `Walker` facade of one engine. */
export function createWalkerApi(engine: EngineState): WalkerApi {
  return {
    run(symbol, options) {
      return runWalker(planWalkerRun(engine, "Walker.run", symbol, options));
    },

    background(symbol, options) {
      const plan = planWalkerRun(engine, "Walker.background", symbol, options);
      const controller = new AbortController();
      const done = (async () => {
        try {
          for await (const _ of runWalker(plan, controller.signal)) {
            // Progress is delivered through the event streams.
          }
        } catch (error) {
          engine.events.error.next(
            CandlewickError.isInstance(error)
              ? error
              : new CandlewickError(
                  "WALKER_FAILED",
                  `[core] walker "${plan.schema.walkerName}" on ${symbol} failed: ${String(error)}`,
                  { details: { walkerName: plan.schema.walkerName, symbol }, cause: error },
                ),
          );
        }
      })();
      const stop = () => controller.abort();
      engine.trackBackground(done, stop);
      return stop;
    },

    ...reportMethods(
      engine,
      "Walker",
      (walkerName, symbol) => getWalkerData(engine, walkerName, symbol),
      (reporter, data) => reporter.renderWalker(data),
      "walker",
    ),

    getPoolStats() {
      return engine.pools.taskBytes();
    },
  };
}
