import { fileURLToPath } from "node:url";
import { createCsvExchange, createEngine } from "@candlewick/core";
import { createStrategySchema } from "@candlewick/sdk";
import { describe, expect, it } from "vitest";
import smaCross from "./__fixtures__/sma-cross.js";
import { createTrialJobRunner, runTrialJob } from "./run-trial-job.js";
import type { TrialJob } from "./trial-job.js";

const dir = fileURLToPath(new URL("../../../../data/candles/sets/spot-2026-03/", import.meta.url));
const strategyModule = fileURLToPath(new URL("./__fixtures__/sma-cross.ts", import.meta.url));
const startMs = Date.parse("2026-03-25T00:00:00Z");
const endMs = startMs + 10 * 86_400_000;
const params = { fast: 8, slow: 40, stopLossPct: 0.8 };

const job = (overrides: Partial<TrialJob> = {}): TrialJob => ({
  studyId: "test",
  trialNumber: 0,
  strategyModule,
  params,
  symbols: ["BTCUSDT", "ETHUSDT", "SOLUSDT"],
  candles: { kind: "csv", dir },
  frame: { interval: "1m", startMs, endMs },
  objective: { statistic: "totalPnl", aggregate: "mean" },
  metrics: ["winRate"],
  ...overrides,
});

/** Each symbol backtested on an engine set up by hand, without the runner. */
async function direct(symbol: string, trialParams = params) {
  const engine = createEngine();
  engine.addExchange(createCsvExchange({ exchangeName: "csv", dir }));
  engine.addFrame({ frameName: "f", interval: "1m", startDate: new Date(startMs), endDate: new Date(endMs) });
  engine.addStrategy(createStrategySchema(smaCross, trialParams, { strategyName: "s" }));
  for await (const _ of engine.Backtest.run(symbol, {
    strategyName: "s",
    exchangeName: "csv",
    frameName: "f",
  })) {
    // read back below
  }
  const data = engine.Backtest.getData("s", symbol);
  await engine.dispose();
  return data;
}

describe("runTrialJob", () => {
  it("backtests each symbol and aggregates the statistic and the metrics (mean, sum, min, median)", async () => {
    const [btc, eth, sol] = await Promise.all(["BTCUSDT", "ETHUSDT", "SOLUSDT"].map((s) => direct(s)));
    const pnl = [btc!.totalPnl!, eth!.totalPnl!, sol!.totalPnl!];
    expect(btc!.tradeCount).toBeGreaterThan(5); // the window is long enough to mean something
    const sorted = [...pnl].sort((a, b) => a - b);
    const expected = {
      mean: (pnl[0]! + pnl[1]! + pnl[2]!) / 3,
      sum: pnl[0]! + pnl[1]! + pnl[2]!,
      min: sorted[0]!,
      median: sorted[1]!,
    };
    for (const aggregate of ["mean", "sum", "min", "median"] as const) {
      const result = await runTrialJob(job({ objective: { statistic: "totalPnl", aggregate } }));
      expect(result.value).toBeCloseTo(expected[aggregate], 10);
      if (aggregate === "sum") {
        expect(result.metrics.tradeCount).toBe(btc!.tradeCount + eth!.tradeCount + sol!.tradeCount);
      }
    }
    const mean = await runTrialJob(job());
    expect(mean.metrics.winRate).toBeCloseTo((btc!.winRate! + eth!.winRate! + sol!.winRate!) / 3, 10);
  });

  it("gives each trial a fresh engine: the same job twice gives the same result, other params another", async () => {
    const runner = createTrialJobRunner();
    const one = await runner.withData(job({ symbols: ["BTCUSDT"] }));
    const other = await runner(job({ symbols: ["BTCUSDT"], params: { ...params, fast: 12 } }));
    const again = await runner.withData(job({ symbols: ["BTCUSDT"] }));
    expect(again.value).toBe(one.value);
    expect(again.data.get("BTCUSDT")!.signalList).toHaveLength(one.data.get("BTCUSDT")!.tradeCount);
    expect(other.value).not.toBe(one.value);
    expect(one.value).toBe((await direct("BTCUSDT")).totalPnl);
    expect(one.backtestMs).toBeGreaterThan(0);
  });

  it("names the reason when the statistic is null, and scores it with objective.unavailable when given", async () => {
    const idle = { fast: 30, slow: 20, stopLossPct: 1 }; // fast >= slow: the strategy never trades
    await expect(runTrialJob(job({ params: idle, symbols: ["BTCUSDT"] }))).rejects.toThrow(
      /BTCUSDT totalPnl.*objective\.unavailable/,
    );
    const scored = await runTrialJob(
      job({
        params: idle,
        symbols: ["BTCUSDT"],
        objective: { statistic: "totalPnl", aggregate: "mean", unavailable: -100 },
      }),
    );
    expect(scored).toEqual({ value: -100, metrics: { tradeCount: 0 } });
  });

  it("refuses a job with a bad field, naming it", async () => {
    await expect(runTrialJob(job({ symbols: [] }))).rejects.toThrow(/symbols/);
    await expect(runTrialJob(job({ exportName: "nope" }))).rejects.toThrow(/exportName/);
    await expect(
      runTrialJob(job({ objective: { statistic: "totalPnl", aggregate: "max" as never } })),
    ).rejects.toThrow(/objective\.aggregate/);
    await expect(runTrialJob(job({ params: { ...params, fast: 1 } }))).rejects.toThrow(/fast/);
  });
});
