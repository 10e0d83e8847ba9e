import { CandlewickError } from "../errors/candlewick-error.js";
import { eventBus } from "../events/event-bus.js";
import { getReporter } from "../report/set-reporter.js";
import { writeReportFile } from "../report/write-report-file.js";
import { getWalkerData } from "./get-walker-data.js";
import { planWalkerRun, type WalkerRunOptions } from "./plan-walker-run.js";
import { runWalker } from "./run-walker.js";
import type { WalkerData } from "./walker-data.js";
import type { WalkerProgress } from "./walker-progress.js";

/** Strategy comparison: backtests every strategy of a walker on one symbol and ranks them by its metric. */
export const Walker = {
  /**
   * Backtests each strategy of the walker on `symbol` (each a normal, isolated backtest) and yields progress
   * after each one. With `concurrency > 1` the backtests run on worker threads and produce exactly the same
   * results. Everything is checked before anything starts: a bad name or option throws here, naming it.
   */
  run(symbol: string, options: WalkerRunOptions): AsyncGenerator<WalkerProgress, void, undefined> {
    return runWalker(planWalkerRun("Walker.run", symbol, options));
  },

  /**
   * Runs the same comparison in the background and returns a function that cancels it (at the next closed
   * trade in this thread; worker threads are terminated at once). Progress arrives through `listenWalker`,
   * the end through `listenWalkerComplete`, a fatal error through `listenError`.
   */
  background(symbol: string, options: WalkerRunOptions): () => void {
    const plan = planWalkerRun("Walker.background", symbol, options);
    const controller = new AbortController();
    void (async () => {
      try {
        for await (const _ of runWalker(plan, controller.signal)) {
          // Progress is delivered through the event streams.
        }
      } catch (error) {
        eventBus.error.next(
          CandlewickError.isInstance(error)
            ? error
            : new CandlewickError(
                "WALKER_FAILED",
                `[core] walker "${plan.schema.walkerName}" on ${symbol} failed: ${String(error)}`,
                {
                  details: { walkerName: plan.schema.walkerName, symbol },
                  cause: error,
                },
              ),
        );
      }
    })();
    return () => controller.abort();
  },

  /**
   * Every tested strategy with its statistics, sorted by the walker's metric, best first (null values last; a
   * null never wins; `maxDrawdown` ranks the smallest first). With `symbol`: that symbol's latest run; without:
   * each strategy's trades on every symbol the walker ran on, pooled.
   */
  getData(walkerName: string, symbol?: string): WalkerData {
    return getWalkerData(walkerName, symbol);
  },

  /** The comparison rendered by the registered reporter (`setReporter`). */
  getReport(walkerName: string, symbol?: string): string {
    return getReporter().renderWalker(getWalkerData(walkerName, symbol));
  },

  /**
   * Writes the comparison (every symbol the walker ran on) to `<dir>/<walkerName><ext>` atomically, creating
   * `dir`. Returns the file's path. Default dir `./dump/walker`.
   */
  async dump(walkerName: string, dir = "./dump/walker"): Promise<string> {
    const reporter = getReporter();
    return writeReportFile(
      dir,
      walkerName,
      reporter.fileExtension,
      reporter.renderWalker(getWalkerData(walkerName)),
    );
  },
};
