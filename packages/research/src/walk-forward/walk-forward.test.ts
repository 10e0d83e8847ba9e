import { fileURLToPath } from "node:url";
import { createCsvExchange, createEngine } from "@candlewick/core";
import { createStrategySchema } from "@candlewick/sdk";
import { describe, expect, it } from "vitest";
import smaCross from "../jobs/__fixtures__/sma-cross.js";
import { gridSampler } from "../samplers/grid-sampler.js";
import { integerRange, numberRange } from "../space/param-spec.js";
import { defineSearchSpace } from "../space/search-space.js";
import { walkForward } from "./walk-forward.js";

const dir = fileURLToPath(new URL("../../../../data/candles/sets/spot-2026-03/", import.meta.url));
const strategyModule = fileURLToPath(new URL("../jobs/__fixtures__/sma-cross.ts", import.meta.url));
const day = 86_400_000;
const start = Date.parse("2026-03-25T00:00:00Z");
const space = defineSearchSpace({
  fast: integerRange(5, 10, { step: 5 }),
  slow: integerRange(30, 30),
  stopLossPct: numberRange(0.8, 1.6, { step: 0.8 }),
});
const grid = [
  { fast: 5, slow: 30, stopLossPct: 0.8 },
  { fast: 5, slow: 30, stopLossPct: 1.6 },
  { fast: 10, slow: 30, stopLossPct: 0.8 },
  { fast: 10, slow: 30, stopLossPct: 1.6 },
];

/** A backtest on an engine set up by hand, without the research code. */
async function direct(params: (typeof grid)[number], startMs: number, endMs: number) {
  const engine = createEngine();
  engine.addExchange(createCsvExchange({ exchangeName: "csv", dir }));
  engine.addFrame({ frameName: "f", interval: "1m", startDate: new Date(startMs), endDate: new Date(endMs) });
  engine.addStrategy(createStrategySchema(smaCross, params, { strategyName: "s" }));
  for await (const _ of engine.Backtest.run("BTCUSDT", {
    strategyName: "s",
    exchangeName: "csv",
    frameName: "f",
  })) {
    // read back below
  }
  const data = engine.Backtest.getData("s", "BTCUSDT");
  await engine.dispose();
  return data;
}

describe("walkForward on real BTCUSDT candles", () => {
  it("picks each fold's in-sample best, trades it out of sample and stitches the trades", async () => {
    // anchored: fold 0 IS 25..31 Mar, OOS 31 Mar..3 Apr; fold 1 IS 25 Mar..3 Apr, OOS 3..6 Apr
    const result = await walkForward({
      windows: {
        mode: "anchored",
        startMs: start,
        endMs: start + 12 * day,
        inSampleMs: 6 * day,
        outOfSampleMs: 3 * day,
      },
      space,
      sampler: () => gridSampler(),
      trials: 4,
      seed: 1,
      template: {
        studyId: "wf-test",
        strategyModule,
        symbols: ["BTCUSDT"],
        candles: { kind: "csv", dir },
        frame: { interval: "1m" },
        objective: { statistic: "totalPnl", aggregate: "mean", unavailable: -1000 },
        metrics: [],
      },
    });
    expect(result.folds).toHaveLength(2);
    const folds = [
      { is: [start, start + 6 * day], oos: [start + 6 * day, start + 9 * day] },
      { is: [start, start + 9 * day], oos: [start + 9 * day, start + 12 * day] },
    ];
    const yearly = (pct: number, ms: number) => ((1 + pct / 100) ** ((365 * day) / ms) - 1) * 100;
    const inRates: number[] = [];
    for (const [i, { is, oos }] of folds.entries()) {
      const fold = result.folds[i]!;
      expect([fold.window.inSample.startMs, fold.window.inSample.endMs]).toEqual(is);
      const inSample = await Promise.all(grid.map((params) => direct(params, is[0]!, is[1]!)));
      const scores = inSample.map((data) => data.totalPnl ?? -1000);
      const bestIndex = scores.indexOf(Math.max(...scores));
      expect(fold.best!.params).toEqual(grid[bestIndex]);
      expect(fold.best!.value).toBeCloseTo(scores[bestIndex]!, 10);
      const outOfSample = await direct(grid[bestIndex]!, oos[0]!, oos[1]!);
      expect(outOfSample.tradeCount).toBeGreaterThan(0);
      expect(fold.outOfSample.trades.map((t) => [t.closeTimestamp, t.pnl.pnlPercentage])).toEqual(
        outOfSample.signalList.map((t) => [t.closeTimestamp, t.pnl.pnlPercentage]),
      );
      const inRate = yearly(inSample[bestIndex]!.compoundedReturn ?? 0, is[1]! - is[0]!);
      inRates.push(inRate);
      expect(fold.inSample.annualisedReturnPct).toBeCloseTo(inRate, 6);
    }
    const stitched = result.folds.flatMap((fold) => fold.outOfSample.trades);
    expect(result.trades).toEqual(stitched);
    expect(result.statistics.tradeCount).toBe(stitched.length);
    const compounded = stitched.reduce((equity, t) => equity * (1 + t.pnl.pnlPercentage / 100), 1);
    expect(result.equity.at(-1)!.equity).toBeCloseTo(compounded, 12);
    expect(result.outOfSampleReturnPct).toBeCloseTo((compounded - 1) * 100, 9);
    const oosRate = yearly((compounded - 1) * 100, 6 * day);
    expect(result.outOfSampleAnnualisedPct).toBeCloseTo(oosRate, 6);
    const meanIn = (inRates[0]! + inRates[1]!) / 2;
    expect(result.inSampleAnnualisedPct).toBeCloseTo(meanIn, 6);
    expect(result.efficiency).toEqual(meanIn > 0 ? expect.closeTo(oosRate / meanIn, 9) : null);
  });
});
