import { frameTicks } from "../backtest/frame-ticks.js";
import { backtestHorizon } from "../backtest/run-backtest.js";
import type { EngineState } from "../engine/engine-state.js";
import { reportFatal } from "../events/report-fatal.js";
import { Account } from "../kernel/account/account.js";
import { createRunContext } from "../kernel/create-run-context.js";
import { MINUTE_MS } from "../kernel/fill/scan-types.js";
import type { RunContext } from "../kernel/run-context.js";
import { SignalRunner } from "../kernel/signal-runner.js";
import { reportMethods } from "../report/report-methods.js";
import { runCostsOf } from "../report/run-costs.js";
import { collectRiskMembers } from "../risk/risk-members.js";
import type { PortfolioData } from "../spec/reports/portfolio-data.js";
import type { BacktestResult } from "../spec/tick-result.js";
import { getPortfolioData } from "./get-portfolio-data.js";
import type { FrameClock } from "./portfolio-clock.js";
import type { PortfolioLane } from "./portfolio-lane.js";
import { DEFAULT_PORTFOLIO_NAME, type PortfolioOptions, parsePortfolioOptions } from "./portfolio-options.js";
import { PortfolioRecord, type PortfolioRunInfo } from "./portfolio-record.js";
import { type PortfolioPlan, runPortfolio } from "./run-portfolio.js";

/**
 * Portfolio backtests: many symbols and strategies on one clock, sharing one account (cash, positions, risks).
 * `engine.Portfolio`.
 */
export interface PortfolioApi {
  /**
   * Backtests every strategy on every symbol over one frame, on one clock and one account, and yields every
   * closed or cancelled signal in clock order. Each (strategy, symbol) asks at the ticks its own backtest would;
   * sizing, cash and risks see every position open at that instant. Names, options and config are checked
   * before anything starts. Breaking out of the loop stops the run.
   */
  run(options: PortfolioOptions): AsyncGenerator<BacktestResult, void, undefined>;
  /** The same run in the background; returns a function that cancels it. Failures go to `listenError`. */
  background(options: PortfolioOptions): () => void;
  /** The capital statistics, equity curve, breakdown and trades of the latest run named `portfolioName`. */
  getData(portfolioName?: string): PortfolioData;
  /** The same, rendered by the engine's reporter. */
  getReport(portfolioName?: string): string;
  /** Writes the report to `<dir>/<portfolioName><ext>` atomically; default dir `./dump/portfolio`. */
  dump(portfolioName?: string, dir?: string): Promise<string>;
}

interface PreparedPortfolio {
  readonly runs: readonly RunContext[];
  readonly clock: FrameClock;
  readonly closeAt: number;
  readonly frameStart: number;
  readonly frameEnd: number;
  readonly info: PortfolioRunInfo;
  readonly symbols: readonly string[];
}

function prepare(engine: EngineState, component: string, input: PortfolioOptions): PreparedPortfolio {
  engine.assertUsable(component);
  const options = parsePortfolioOptions(component, input);
  const frame = engine.frames.get(options.frameName);
  let horizon = 0;
  const runs: RunContext[] = [];
  for (const strategyName of options.strategies) {
    for (const symbol of options.symbols) {
      runs.push(
        createRunContext(
          engine,
          component,
          symbol,
          {
            strategyName,
            exchangeName: options.exchangeName,
            ...(options.config === undefined ? {} : { config: options.config }),
          },
          { backtest: true, frameName: frame.frameName, horizon: () => horizon },
        ),
      );
    }
  }
  const config = runs[0]!.config;
  horizon = backtestHorizon(runs[0]!, frame);
  const ticked = config.frameEndInclusive
    ? { ...frame, endDate: new Date(frame.endDate.getTime() + 1) }
    : frame;
  const { first: start, step, count: totalFrames } = frameTicks(component, ticked);
  const frameEnd = ticked.endDate.getTime();
  return {
    runs,
    clock: { start, step, totalFrames },
    closeAt: config.closeAtFrameEnd ? start + (totalFrames - 1) * step + MINUTE_MS : Number.POSITIVE_INFINITY,
    frameStart: start,
    frameEnd,
    symbols: options.symbols,
    info: {
      portfolioName: options.portfolioName ?? DEFAULT_PORTFOLIO_NAME,
      exchangeName: runs[0]!.exchangeName,
      frameName: frame.frameName,
      symbols: options.symbols.slice(),
      strategies: options.strategies.slice(),
      periodStart: start,
      periodEnd: frameEnd,
      costs: runCostsOf(config),
    },
  };
}

/**
 * Starts the run's records (the portfolio's, and each lane's trade journal and risk record, so that
 * `Backtest.getData` and `Risk.getData` report the lanes as the latest runs of their pairs) and builds its lanes.
 */
function plan(engine: EngineState, prepared: PreparedPortfolio): PortfolioPlan {
  const { runs, clock, closeAt, info, symbols } = prepared;
  const config = runs[0]!.config;
  const account = new Account(
    config.initialCapital,
    config.allowMargin,
    collectRiskMembers(runs.map((run) => run.strategy)),
  );
  const record = engine.portfolios.start(new PortfolioRecord(info, account));
  const strategyCount = info.strategies.length;
  for (const run of runs) engine.riskLog.startBacktest(run.strategyName, run.symbol, run.runId);
  const lanes: PortfolioLane[] = runs.map((run, i) => ({
    run,
    runner: new SignalRunner(run, closeAt, account),
    journal: engine.journal.start(run.strategyName, run.symbol, info.periodStart, info.periodEnd, info.costs),
    fillRank: symbols.indexOf(run.symbol) * strategyCount + Math.floor(i / symbols.length),
    index: 0,
    openedIndex: 0,
    seenUntil: clock.start,
    dataEnd: 0,
  }));
  return { lanes, clock, frameStart: prepared.frameStart, frameEnd: prepared.frameEnd, record };
}

async function* started(
  engine: EngineState,
  prepared: PreparedPortfolio,
  abort?: AbortSignal,
): AsyncGenerator<BacktestResult, void, undefined> {
  yield* runPortfolio(plan(engine, prepared), abort);
}

/** The `Portfolio` facade of one engine. */
export function createPortfolioApi(engine: EngineState): PortfolioApi {
  const methods = reportMethods(
    engine,
    "Portfolio",
    (name) => getPortfolioData(engine.portfolios, name),
    (reporter, data) => reporter.renderPortfolio(data),
    "portfolio",
  );
  return {
    run(options) {
      return started(engine, prepare(engine, "Portfolio.run", options));
    },
    background(options) {
      const prepared = prepare(engine, "Portfolio.background", options);
      const controller = new AbortController();
      const done = (async () => {
        try {
          for await (const _ of started(engine, prepared, controller.signal)) {
            // Results are delivered through the event streams.
          }
        } catch (error) {
          reportFatal(error, prepared.runs[0]!, "backtest");
        }
      })();
      const stop = () => controller.abort();
      engine.trackBackground(done, stop);
      return stop;
    },
    getData: (name = DEFAULT_PORTFOLIO_NAME) => methods.getData(name),
    getReport: (name = DEFAULT_PORTFOLIO_NAME) => methods.getReport(name),
    dump: (name = DEFAULT_PORTFOLIO_NAME, dir) => methods.dump(name, dir),
  };
}
