import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { randomSampler } from "../samplers/random-sampler.js";
import { integerRange, numberRange } from "../space/param-spec.js";
import { defineSearchSpace } from "../space/search-space.js";
import { type WalkForwardOptions, walkForward } from "./walk-forward.js";

const dir = fileURLToPath(new URL("../../../../data/candles/sets/spot-2026-03/", import.meta.url));
const strategyModule = fileURLToPath(new URL("../jobs/__fixtures__/sma-cross.ts", import.meta.url));
const day = 86_400_000;
const start = Date.parse("2026-03-25T00:00:00Z");
const space = defineSearchSpace({
  fast: integerRange(3, 15),
  slow: integerRange(20, 60, { step: 5 }),
  stopLossPct: numberRange(0.6, 2),
});

const options: WalkForwardOptions<typeof space> = {
  windows: {
    mode: "rolling",
    startMs: start,
    endMs: start + 10 * day,
    inSampleMs: 4 * day,
    outOfSampleMs: 3 * day,
  },
  space,
  sampler: () => randomSampler(),
  trials: 4,
  seed: 5,
  parallelism: 2,
  template: {
    studyId: "wf-pool",
    strategyModule,
    symbols: ["BTCUSDT", "SOLUSDT"],
    candles: { kind: "csv", dir },
    frame: { interval: "1m" },
    objective: { statistic: "totalPnl", aggregate: "mean", unavailable: -1000 },
    metrics: ["winRate"],
  },
};

describe("walkForward with workers", () => {
  it("gives byte for byte the in-process result, fold spans moving the shared candles along", async () => {
    const inProcess = await walkForward(options);
    const pooled = await walkForward({ ...options, workers: 2 });
    expect(inProcess.folds).toHaveLength(2);
    expect(inProcess.trades.length).toBeGreaterThan(0);
    expect(JSON.stringify(pooled)).toBe(JSON.stringify(inProcess));
  }, 120_000);

  it("refuses workers next to a runner of one's own", async () => {
    await expect(
      walkForward({ ...options, workers: 2, runner: async () => ({ value: 0, metrics: {} }) }),
    ).rejects.toThrow(/"workers" is 2; expected no workers when a runner is given/);
  });
});
