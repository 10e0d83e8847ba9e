import { createEngine, listWalkers } from "@candlewick/core";
import { describe, expect, it } from "vitest";
import { ENGINE_WALKER_STRATEGIES, setup } from "./__fixtures__/engine-setup.js";

describe("a walker on its own engine", () => {
  it("runs on worker threads whose engines the setup module's setup(engine) builds, with the sequential result", async () => {
    const engine = createEngine({ name: "walker-engine" });
    setup(engine);
    engine.addWalker({
      walkerName: "engine-walker",
      exchangeName: "engine-csv",
      frameName: "engine-week",
      strategies: ENGINE_WALKER_STRATEGIES,
      metric: "totalPnl",
      setupModule: new URL("./__fixtures__/engine-setup.ts", import.meta.url),
    });
    const ranked = async (concurrency: number) => {
      for await (const _ of engine.Walker.run("BTCUSDT", { walkerName: "engine-walker", concurrency })) {
        // progress is not needed here
      }
      return engine.Walker.getData("engine-walker", "BTCUSDT");
    };
    const sequential = await ranked(1);
    const parallel = await ranked(2);
    expect(sequential.strategiesTested).toBe(2);
    expect(sequential.strategies.some((s) => s.stats.tradeCount > 0)).toBe(true);
    expect(parallel).toEqual(sequential);
    // The walker's backtests are on the engine's journal, and nowhere else.
    expect(engine.Backtest.getData(ENGINE_WALKER_STRATEGIES[0]).tradeCount).toBe(
      sequential.strategies.find((s) => s.strategyName === ENGINE_WALKER_STRATEGIES[0])!.stats.tradeCount,
    );
    expect(listWalkers().map((w) => w.walkerName)).not.toContain("engine-walker");
    await engine.dispose();
  }, 120_000);
});
