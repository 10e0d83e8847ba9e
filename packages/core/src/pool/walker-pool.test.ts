import { createEngine, Walker } from "@candlewick/core";
import { describe, expect, it } from "vitest";
import { engineStateOf } from "../engine/create-engine.js";
import { FIXTURE_WALKER } from "../walker/__fixtures__/walker-setup.js";

// The fixture registers, on this thread's default engine, a CSV exchange over real Binance candles
// (data/candles/sets/spot-2026-03), a one-week frame, four strategies and a walker naming the module itself.

const runWalker = async (concurrency: number): Promise<string> => {
  for await (const _ of Walker.run("BTCUSDT", { walkerName: FIXTURE_WALKER, concurrency })) {
    // to the end
  }
  return JSON.stringify(Walker.getData(FIXTURE_WALKER, "BTCUSDT"));
};

describe("Walker on the engine's pool", () => {
  it("gives byte-identical results to a sequential run, cold and warm, copying ~1 KB per task", async () => {
    const sequential = await runWalker(1);
    const cold = await runWalker(2);
    const afterCold = Walker.getPoolStats();
    const warm = await runWalker(2);
    const stats = Walker.getPoolStats();
    expect(cold).toBe(sequential);
    expect(warm).toBe(sequential);
    expect(
      JSON.parse(sequential).strategies.some(
        (row: { stats: { tradeCount: number } }) => row.stats.tradeCount > 0,
      ),
    ).toBe(true);
    // One task per strategy and run; each copies names and config only, and refers to the shared 1m candles
    // (the frame's week plus the day of warm-up at least: 8 × 1440 candles of 48 bytes).
    expect(afterCold.tasks).toBe(4);
    expect(stats.tasks).toBe(8);
    expect(stats.lastTaskBytes).toBeLessThan(4096);
    const sharedPerTask = stats.sharedBytesReferenced / stats.tasks;
    expect(sharedPerTask % 48).toBe(0);
    expect(sharedPerTask).toBeGreaterThanOrEqual(8 * 1440 * 48);
  }, 120_000);

  it("closes an engine's pool with the engine", async () => {
    const engine = createEngine({ name: "pool-owner" });
    const { ENGINE_WALKER_STRATEGIES, setup } = await import("../walker/__fixtures__/engine-setup.js");
    setup(engine);
    const walkerName = "pool-owner-walker";
    engine.addWalker({
      walkerName,
      exchangeName: "engine-csv",
      frameName: "engine-week",
      strategies: ENGINE_WALKER_STRATEGIES,
      setupModule: new URL("../walker/__fixtures__/engine-setup.ts", import.meta.url),
    });
    for await (const _ of engine.Walker.run("BTCUSDT", { walkerName, concurrency: 2 })) {
      // to the end
    }
    expect(engine.Walker.getPoolStats().tasks).toBeGreaterThan(0);
    await engine.dispose();
    // Disposed: the pools are gone with their workers.
    expect(engine.Walker.getPoolStats()).toEqual({
      tasks: 0,
      lastTaskBytes: 0,
      totalBytes: 0,
      sharedBytesReferenced: 0,
    });
  }, 120_000);

  it("hands out the strategies longest first by the last run's times, results as in list order", async () => {
    const engine = createEngine({ name: "pool-order" });
    const { ENGINE_WALKER_STRATEGIES, setup } = await import("../walker/__fixtures__/engine-setup.js");
    setup(engine);
    const [first, second] = ENGINE_WALKER_STRATEGIES;
    const started: string[] = [];
    const walkerName = "pool-order-walker";
    engine.addWalker({
      walkerName,
      exchangeName: "engine-csv",
      frameName: "engine-week",
      strategies: ENGINE_WALKER_STRATEGIES,
      setupModule: new URL("../walker/__fixtures__/engine-setup.ts", import.meta.url),
      callbacks: { onStrategyStart: (strategyName) => void started.push(strategyName) },
    });
    const run = async (concurrency: number): Promise<string> => {
      started.length = 0;
      for await (const _ of engine.Walker.run("BTCUSDT", { walkerName, concurrency })) {
        // to the end
      }
      return JSON.stringify(engine.Walker.getData(walkerName, "BTCUSDT"));
    };
    try {
      const sequential = await run(1);
      const costs = engineStateOf(engine).walkerCosts;
      // The sequential run measures nothing; the first parallel run hands out in list order and times both.
      expect(costs.get(walkerName, "BTCUSDT", first)).toBeUndefined();
      expect(await run(2)).toBe(sequential);
      expect(started).toEqual([first, second]);
      expect(costs.get(walkerName, "BTCUSDT", first)).toBeGreaterThan(0);
      expect(costs.get(walkerName, "BTCUSDT", second)).toBeGreaterThan(0);
      // Say the second took longest: the next run starts it first, and its results are unchanged.
      costs.record(walkerName, "BTCUSDT", first, 1);
      costs.record(walkerName, "BTCUSDT", second, 1000);
      expect(await run(2)).toBe(sequential);
      expect(started).toEqual([second, first]);
    } finally {
      await engine.dispose();
    }
  }, 120_000);
});
