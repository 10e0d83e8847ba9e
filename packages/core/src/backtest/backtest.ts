import type { CandleFeed } from "../candles/candle-feed.js";
import type { EngineState } from "../engine/engine-state.js";
import { reportFatal } from "../events/report-fatal.js";
import { createRunContext, type RunSelection } from "../kernel/create-run-context.js";
import type { RunContext } from "../kernel/run-context.js";
import { reportMethods } from "../report/report-methods.js";
import type { FrameSchema } from "../spec/frame.js";
import type { BacktestResult } from "../spec/tick-result.js";
import { type BacktestData, getBacktestData } from "./get-backtest-data.js";
import { backtestCandleRange, backtestHorizon, runBacktest } from "./run-backtest.js";
import type { BacktestRecorder } from "./trade-journal.js";

/** What a backtest runs: a registered strategy, exchange and frame, plus optional config overrides. */
export interface BacktestOptions extends RunSelection {
  readonly frameName: string;
}

/** Historical simulation: deterministic, fast-forwarded over in-memory candles. `engine.Backtest`. */
export interface BacktestApi {
  /**
   * Backtests a strategy on one symbol over a frame and yields every closed or cancelled signal as it happens.
   * Breaking out of the `for await` loop stops the run cleanly. Names and config are checked before anything
   * starts: a bad one throws here, naming it.
   */
  run(symbol: string, options: BacktestOptions): AsyncGenerator<BacktestResult, void, undefined>;
  /**
   * Runs the same backtest in the background and returns a function that cancels it. Results arrive through
   * `listenSignalBacktest`, completion through `listenDoneBacktest`, a fatal error through `listenError`.
   */
  background(symbol: string, options: BacktestOptions): () => void;
  /** Statistics over every closed trade of the strategy's latest backtests (all symbols, or one). */
  getData(strategyName: string, symbol?: string): BacktestData;
  /** The same statistics and trades rendered by the engine's reporter (`setReporter`). */
  getReport(strategyName: string, symbol?: string): string;
  /**
   * Writes the report (every symbol) to `<dir>/<strategyName><ext>` atomically, creating `dir`; returns the file's
   * path. Default dir `./dump/backtest`.
   */
  dump(strategyName: string, dir?: string): Promise<string>;
}

function prepare(
  engine: EngineState,
  component: string,
  symbol: string,
  options: BacktestOptions,
): { run: RunContext; frame: FrameSchema } {
  engine.assertUsable(component);
  const frame = engine.frames.get(options?.frameName);
  let horizon = 0;
  const run = createRunContext(engine, component, symbol, options, {
    backtest: true,
    frameName: frame.frameName,
    horizon: () => horizon,
  });
  horizon = backtestHorizon(run, frame);
  return { run, frame };
}

/**
 * Runs a backtest like `Backtest.run` but records its closed trades through `recorder` (the walker keeps the
 * record of its own run with it, so a concurrent backtest of the same strategy and symbol cannot replace it).
 */
export function runBacktestWith(
  engine: EngineState,
  component: string,
  symbol: string,
  options: BacktestOptions,
  recorder: BacktestRecorder,
): AsyncGenerator<BacktestResult, void, undefined> {
  const { run, frame } = prepare(engine, component, symbol, options);
  return runBacktest(run, frame, startingRiskRecord(engine, run, recorder));
}

/**
 * Loads the 1m candles a backtest with these options would load first, into the engine's feed (memoised like
 * any run's), and returns that feed: a parallel walker shares it with its workers.
 */
export async function loadBacktestCandles(
  engine: EngineState,
  component: string,
  symbol: string,
  options: BacktestOptions,
): Promise<CandleFeed> {
  const { run, frame } = prepare(engine, component, symbol, options);
  const { from, to } = backtestCandleRange(run, frame);
  await run.minuteFeed.ensure(from, to, false, run.config.getCandlesTimeoutMs);
  return run.minuteFeed;
}

/**
 * `recorder`, also starting the run's own risk record when it starts its trade record: `Risk.getData` then
 * reports the latest backtest of a (strategy, symbol), as `Backtest.getData` does.
 */
function startingRiskRecord(
  engine: EngineState,
  run: RunContext,
  recorder: BacktestRecorder,
): BacktestRecorder {
  return {
    start(strategyName, symbol, periodStart, periodEnd, costs) {
      engine.riskLog.startBacktest(strategyName, symbol, run.runId);
      return recorder.start(strategyName, symbol, periodStart, periodEnd, costs);
    },
  };
}

/** The `Backtest` facade of one engine. */
export function createBacktestApi(engine: EngineState): BacktestApi {
  return {
    run(symbol, options) {
      const { run, frame } = prepare(engine, "Backtest.run", symbol, options);
      return runBacktest(run, frame, startingRiskRecord(engine, run, engine.journal));
    },

    background(symbol, options) {
      const { run, frame } = prepare(engine, "Backtest.background", symbol, options);
      const controller = new AbortController();
      const done = (async () => {
        try {
          const recorder = startingRiskRecord(engine, run, engine.journal);
          for await (const _ of runBacktest(run, frame, recorder, controller.signal, (error) =>
            reportFatal(error, run, "backtest"),
          )) {
            // Results are delivered through the event streams.
          }
        } catch {
          // Already reported on the error stream by reportFatal, before the done event.
        }
      })();
      const stop = () => controller.abort();
      engine.trackBackground(done, stop);
      return stop;
    },

    ...reportMethods(
      engine,
      "Backtest",
      (strategyName, symbol) => getBacktestData(engine.journal, strategyName, symbol),
      (reporter, data) => reporter.renderBacktest(data),
      "backtest",
    ),
  };
}
