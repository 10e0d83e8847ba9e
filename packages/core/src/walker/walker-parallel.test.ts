import {
  addWalker,
  Backtest,
  listenDoneBacktest,
  listenProgress,
  listenSignalBacktest,
  Performance,
  type Reporter,
  Schedule,
  setReporter,
  Walker,
  type WalkerProgress,
} from "@candlewick/core";
import { beforeAll, describe, expect, it } from "vitest";
import { FIXTURE_STRATEGIES, FIXTURE_WALKER } from "./__fixtures__/walker-setup.js";

// The fixture registers, in this thread, the exchange (real Binance candles), the frame, four strategies and the
// walker; every worker thread imports the same module.

/** A reporter that prints the data it is given, so "same report" means "same data, byte for byte". */
const jsonReporter: Reporter = {
  specificationVersion: "v1",
  name: "json",
  fileExtension: ".json",
  renderBacktest: (data) => JSON.stringify(data, null, 1),
  renderLive: (data) => JSON.stringify(data, null, 1),
  renderWalker: (data) => JSON.stringify(data, null, 1),
  renderSchedule: (data) => JSON.stringify(data, null, 1),
  renderHeat: (data) => JSON.stringify(data, null, 1),
  renderPerformance: (data) => JSON.stringify(data, null, 1),
  renderRisk: (data) => JSON.stringify(data, null, 1),
  renderPortfolio: (data) => JSON.stringify(data, null, 1),
};

interface RunRecord {
  progress: WalkerProgress[];
  walkerReport: string;
  backtestReports: string[];
  scheduleReport: string;
  signalEvents: Map<string, number>;
  /** Progress events per strategy: (processed frames, total frames) pairs. */
  progressEvents: Map<string, string[]>;
  backtestTotals: number;
  runIds: Set<string>;
}

async function runFixture(concurrency: number, listen = true): Promise<RunRecord> {
  const signalEvents = new Map<string, number>();
  const runIds = new Set<string>();
  const progressEvents = new Map<string, string[]>();
  const stops = !listen
    ? []
    : [
        listenSignalBacktest((event) => {
          signalEvents.set(event.strategyName, (signalEvents.get(event.strategyName) ?? 0) + 1);
        }),
        listenDoneBacktest((event) => {
          if ((FIXTURE_STRATEGIES as readonly string[]).includes(event.strategyName)) runIds.add(event.runId);
        }),
        listenProgress((event) => {
          const steps = progressEvents.get(event.strategyName) ?? [];
          steps.push(`${event.processedFrames}/${event.totalFrames}`);
          progressEvents.set(event.strategyName, steps);
        }),
      ];
  const totalsBefore = totalRuns();
  const progress: WalkerProgress[] = [];
  for await (const step of Walker.run("BTCUSDT", { walkerName: FIXTURE_WALKER, concurrency }))
    progress.push(step);
  for (const stop of stops) stop();
  return {
    progress,
    walkerReport: Walker.getReport(FIXTURE_WALKER, "BTCUSDT"),
    backtestReports: FIXTURE_STRATEGIES.map((name) => Backtest.getReport(name, "BTCUSDT")),
    scheduleReport: Schedule.getReport("fixture-dip-limit", "BTCUSDT"),
    signalEvents,
    progressEvents,
    backtestTotals: totalRuns() - totalsBefore,
    runIds,
  };
}

function totalRuns(): number {
  return FIXTURE_STRATEGIES.reduce(
    (sum, name) =>
      sum + (Performance.getData(name).metrics.find((m) => m.metricType === "backtest_total")?.count ?? 0),
    0,
  );
}

describe("Walker on worker threads", () => {
  let sequential: RunRecord;
  let parallel: RunRecord;
  /** Parallel with nobody listening to signals: the workers post none, their schedule counters come with the results. */
  let unheard: RunRecord;

  beforeAll(async () => {
    setReporter(jsonReporter);
    Performance.enable();
    sequential = await runFixture(1);
    parallel = await runFixture(2);
    unheard = await runFixture(2, false);
  }, 120_000);

  it("produces exactly the sequential report", () => {
    expect(parallel.walkerReport).toBe(sequential.walkerReport);
    const data = JSON.parse(parallel.walkerReport);
    expect(data.strategiesTested).toBe(4);
    expect(data.strategies.at(-1).strategyName).toBe("fixture-never"); // no trades: null Sharpe, ranked last
    expect(data.bestStrategy).not.toBe("fixture-never");
  });

  it("leaves the same trades in this thread's backtest journal", () => {
    expect(parallel.backtestReports).toEqual(sequential.backtestReports);
    expect(JSON.parse(parallel.backtestReports[0]!).tradeCount).toBeGreaterThan(0);
  });

  it("yields the same progress per strategy (in the order the strategies finish)", () => {
    const byStrategy = (run: RunRecord) =>
      Object.fromEntries(
        run.progress.map(({ strategyName, metricValue, stats }) => [strategyName, { metricValue, stats }]),
      );
    expect(byStrategy(parallel)).toEqual(byStrategy(sequential));
    expect(parallel.progress.map((step) => step.strategiesTested)).toEqual([1, 2, 3, 4]);
    expect(parallel.progress.at(-1)!.bestStrategy).toBe(sequential.progress.at(-1)!.bestStrategy);
  });

  it("replays the workers' signal and performance events on this thread's streams", () => {
    expect(parallel.signalEvents).toEqual(sequential.signalEvents);
    expect(sequential.signalEvents.get("fixture-dip-limit")).toBeGreaterThan(0);
    expect(parallel.backtestTotals).toBe(4);
    expect(parallel.scheduleReport).toBe(sequential.scheduleReport);
    expect(JSON.parse(parallel.scheduleReport).backtest.scheduled).toBeGreaterThan(0);
    // one done event per backtest; a worker's run ids carry its thread id, so they cannot collide with ours
    expect(parallel.runIds.size).toBe(4);
    for (const runId of parallel.runIds) expect(runId).toMatch(/^run-\d+@worker-\d+$/);
    for (const runId of sequential.runIds) expect(runId).toMatch(/^run-\d+$/);
  });

  it("replays the workers' progress events, each strategy's in order", () => {
    expect(parallel.progressEvents).toEqual(sequential.progressEvents);
    const steps = sequential.progressEvents.get(FIXTURE_STRATEGIES[0])!;
    expect(steps.length).toBeGreaterThan(10);
    expect(steps.at(-1)).toMatch(/^(\d+)\/\1$/);
  });

  it("reports the same schedule and results when nobody listens to signal events", () => {
    expect(unheard.signalEvents.size).toBe(0);
    expect(unheard.scheduleReport).toBe(sequential.scheduleReport);
    expect(unheard.walkerReport).toBe(sequential.walkerReport);
    expect(unheard.backtestReports).toEqual(sequential.backtestReports);
  });
});

describe("Walker worker setup errors", () => {
  const fixture = (name: string) => new URL(`./__fixtures__/${name}`, import.meta.url);
  const drain = async (walkerName: string) => {
    for await (const _ of Walker.run("BTCUSDT", { walkerName, concurrency: 2 })) {
      // run to the end or the error
    }
  };
  const register = (walkerName: string, setupModule: URL) =>
    addWalker({
      walkerName,
      exchangeName: "fixture-csv",
      frameName: "fixture-week",
      strategies: ["fixture-sma-8-21", "fixture-never"],
      setupModule,
    });

  it("names what a setup module failed to register in the worker", async () => {
    register("walker-empty-setup", fixture("empty-setup.ts"));
    await expect(drain("walker-empty-setup")).rejects.toThrow(
      /did not register exchange "fixture-csv", frame "fixture-week", strategy "fixture-sma-8-21", strategy "fixture-never" in the worker thread/,
    );
  });

  it("reports a setup module that throws", async () => {
    register("walker-throwing-setup", fixture("throwing-setup.ts"));
    await expect(drain("walker-throwing-setup")).rejects.toThrow(
      /a worker thread could not set up from .*throwing-setup\.ts: setup exploded/,
    );
  });

  it("refuses a setup module that runs a walker itself (no workers starting workers)", async () => {
    register("walker-running-setup", fixture("run-in-setup.ts"));
    await expect(drain("walker-running-setup")).rejects.toThrow(/called inside a walker worker thread/);
  });
});
