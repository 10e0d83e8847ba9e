import { addStrategy, Backtest, Performance, type PerformanceEvent } from "@candlewick/core";
import { describe, expect, it } from "vitest";
import { defaultEngineState } from "../engine/default-engine.js";
import { at, flat, registerMarket, uniqueName } from "../walker/hand-made-market.test-helpers.js";
import { DurationSeries } from "./performance-recorder.js";

function emit(
  strategyName: string,
  symbol: string,
  metricType: PerformanceEvent["metricType"],
  durations: number[],
) {
  for (const duration of durations) {
    defaultEngineState.publishPerformance({
      runId: "run-test",
      symbol,
      strategyName,
      exchangeName: "x",
      frameName: "f",
      backtest: true,
      metricType,
      duration,
      timestamp: 0,
    });
  }
}

describe("Performance.getData", () => {
  it("records nothing until Performance.enable(), and says so", () => {
    expect(() => Performance.getData("anything")).toThrow(
      /nothing is recorded until Performance.enable\(\) is called/,
    );
    Performance.enable();
    Performance.enable(); // idempotent
    expect(Performance.getData("anything").metrics).toEqual([]);
  });

  it("summarises each kind of event with count, total, mean, min, max and percentiles, computed by hand", () => {
    const strategyName = uniqueName("perf");
    emit(strategyName, "A", "backtest_signal", [4, 1, 10]);
    emit(strategyName, "B", "backtest_signal", [3, 2]);
    emit(strategyName, "A", "backtest_total", [250]);
    const data = Performance.getData(strategyName);
    expect(data).toEqual({
      strategyName,
      symbols: ["A", "B"],
      metrics: [
        {
          metricType: "backtest_total",
          count: 1,
          totalMs: 250,
          meanMs: 250,
          minMs: 250,
          maxMs: 250,
          p50Ms: 250,
          p95Ms: 250,
          p99Ms: 250,
          sampleSize: 1,
        },
        {
          metricType: "backtest_signal",
          count: 5,
          totalMs: 20,
          meanMs: 4,
          minMs: 1,
          maxMs: 10,
          p50Ms: 3, // sorted 1 2 3 4 10, rank 2
          p95Ms: expect.closeTo(8.8, 12), // rank 3.8: 4 + 0.8 × 6
          p99Ms: expect.closeTo(9.76, 12), // rank 3.96: 4 + 0.96 × 6
          sampleSize: 5,
        },
      ],
    });
    const onlyB = Performance.getData(strategyName, "B");
    expect(onlyB.symbols).toEqual(["B"]);
    expect(onlyB.metrics).toEqual([
      expect.objectContaining({ metricType: "backtest_signal", count: 2, meanMs: 2.5, p50Ms: 2.5 }),
    ]);
    expect(Performance.getData(uniqueName("silent"))).toMatchObject({ symbols: [], metrics: [] });
  });

  it("records the engine's own measurements of a backtest", async () => {
    const strategyName = uniqueName("perf-run");
    addStrategy({ strategyName, interval: "1m", getSignal: () => null });
    const market = registerMarket("perf-run", { TEST: flat(at(-5), 40, 100) }, 0, 30);
    for await (const _ of Backtest.run("TEST", { strategyName, ...market })) {
      // no trades
    }
    const kinds = Object.fromEntries(
      Performance.getData(strategyName).metrics.map((m) => [m.metricType, m.count]),
    );
    expect(kinds.backtest_total).toBe(1);
    expect(kinds.backtest_timeframe).toBe(30); // one per 1m tick: the recorder listens, so they are measured
    expect(kinds.backtest_signal).toBeUndefined();
  });
});

describe("backtest_timeframe on a tick that opens a signal (issue 9 item 12)", () => {
  it("times the opening tick too: every tick the loop visits has one event", async () => {
    Performance.enable();
    const strategyName = uniqueName("perf-open");
    const opensAt = at(0);
    addStrategy({
      strategyName,
      interval: "1m",
      getSignal: (_symbol, when) =>
        when.getTime() === opensAt
          ? { position: "long", priceTakeProfit: 102, priceStopLoss: 98, minuteEstimatedTime: 5 }
          : null,
    });
    const market = registerMarket("perf-open", { TEST: flat(at(-5), 40, 100) }, 0, 30);
    const closes: number[] = [];
    for await (const result of Backtest.run("TEST", { strategyName, ...market })) {
      closes.push(result.closeTimestamp);
    }
    // Flat at 100: the signal opened at 10:00 expires at 10:05 and the loop resumes at that tick.
    expect(closes).toEqual([at(5)]);
    const kinds = Object.fromEntries(
      Performance.getData(strategyName).metrics.map((m) => [m.metricType, m.count]),
    );
    // Visited ticks: 10:00 (opens the signal), then 10:05 .. 10:29 = 1 + 25.
    expect(kinds.backtest_timeframe).toBe(26);
    expect(kinds.backtest_signal).toBe(1);
  });
});

describe("DurationSeries", () => {
  it("keeps the latest `limit` durations for percentiles and counts every one", () => {
    const series = new DurationSeries(3);
    for (const duration of [5, 1, 7, 2, 9]) series.add(duration);
    expect([...series.kept()].sort((a, b) => a - b)).toEqual([2, 7, 9]);
    expect({ count: series.count, total: series.total, min: series.min, max: series.max }).toEqual({
      count: 5,
      total: 24,
      min: 1,
      max: 9,
    });
  });
});
