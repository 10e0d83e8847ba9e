import {
  CandlewickError,
  createEngine,
  createMemoryPersist,
  createReplay,
  type Engine,
  getConfig,
  listStrategies,
  type Reporter,
  type SignalDto,
  type SignalEvent,
} from "@candlewick/core";
import { afterEach, describe, expect, it } from "vitest";
import {
  at,
  bars,
  expectedPnl,
  flat,
  MINUTE,
  memoryExchange,
  T0,
} from "../walker/hand-made-market.test-helpers.js";
import { defaultEngine } from "./default-engine.js";

// Two markets under the same names: in "up" a long entered at 10:05 takes profit at 102 (spike at 10:10); in
// "down" the same long is stopped out at 98 (dip at 10:10).
const up = [...flat(at(-5), 15, 100), ...bars(at(10), [[100, 102.5, 100, 100]]), ...flat(at(11), 60, 100)];
const down = [...flat(at(-5), 15, 100), ...bars(at(10), [[100, 100, 97.5, 100]]), ...flat(at(11), 60, 100)];
const long: SignalDto = {
  position: "long",
  priceTakeProfit: 102,
  priceStopLoss: 98,
  minuteEstimatedTime: 60,
};

/** Registers the same names on `engine` over `candles`: exchange "x", frame "f", strategy "s", walker "w". */
function setUp(engine: Engine, candles: typeof up): SignalEvent[] {
  engine.addExchange(memoryExchange("x", { TEST: candles }));
  engine.addFrame({ frameName: "f", interval: "1m", startDate: new Date(at(0)), endDate: new Date(at(60)) });
  engine.addStrategy({
    strategyName: "s",
    interval: "1m",
    getSignal: (_symbol, when) => ((when.getTime() - T0) / MINUTE === 5 ? long : null),
  });
  engine.addWalker({
    walkerName: "w",
    exchangeName: "x",
    frameName: "f",
    strategies: ["s"],
    metric: "totalPnl",
  });
  const seen: SignalEvent[] = [];
  engine.listenSignal((event) => {
    seen.push(event);
  });
  return seen;
}

async function drain(iterable: AsyncIterable<unknown>): Promise<void> {
  for await (const _ of iterable) {
    // results are read back through the engine
  }
}

const reporter: Reporter = {
  specificationVersion: "v1",
  name: "counting",
  fileExtension: ".txt",
  renderBacktest: (data) => `backtest ${data.strategyName} ${data.tradeCount}`,
  renderLive: () => "live",
  renderWalker: (data) => `walker ${data.walkerName} ${data.bestStrategy}`,
  renderSchedule: () => "schedule",
  renderHeat: () => "heat",
  renderPerformance: () => "performance",
  renderRisk: (data) => `risk ${data.riskName ?? "all"} ${data.totalRejections}`,
  renderPortfolio: (data) => `portfolio ${data.portfolioName}`,
};

const made: Engine[] = [];
afterEach(async () => {
  for (const engine of made.splice(0)) await engine.dispose();
});
function engine(options?: Parameters<typeof createEngine>[0]): Engine {
  const created = createEngine(options);
  made.push(created);
  return created;
}

describe("engines: the unit of isolation", () => {
  it("two engines with the same names, at once, see only their own registrations, config, events, results and reports", async () => {
    const a = engine({ config: { percentFee: 0 }, reporter });
    const b = engine({ config: { percentFee: 0.2 } });
    const seenA = setUp(a, up);
    const seenB = setUp(b, down);
    await Promise.all([
      drain(a.Backtest.run("TEST", { strategyName: "s", exchangeName: "x", frameName: "f" })),
      drain(b.Backtest.run("TEST", { strategyName: "s", exchangeName: "x", frameName: "f" })),
      drain(a.Walker.run("TEST", { walkerName: "w" })),
      drain(b.Walker.run("TEST", { walkerName: "w" })),
    ]);
    // Results: each engine's own market and fee, computed by hand (ARCHITECTURE §5).
    expect(a.Backtest.getData("s").totalPnl).toBeCloseTo(expectedPnl("long", 100, 102, 0), 10);
    expect(b.Backtest.getData("s").totalPnl).toBeCloseTo(expectedPnl("long", 100, 98, 0.2), 10);
    expect(a.Walker.getData("w").bestMetric).toBeCloseTo(expectedPnl("long", 100, 102, 0), 10);
    expect(b.Walker.getData("w").bestMetric).toBeCloseTo(expectedPnl("long", 100, 98, 0.2), 10);
    // Events: a backtest and a walker backtest each open and close once, on this engine only.
    expect(seenA.map((event) => event.action).sort()).toEqual(["closed", "closed", "opened", "opened"]);
    expect(seenB).toHaveLength(4);
    for (const event of seenA.filter((e) => e.action === "closed"))
      expect(event.closeReason).toBe("take_profit");
    for (const event of seenB.filter((e) => e.action === "closed"))
      expect(event.closeReason).toBe("stop_loss");
    // Config and reporter are the engine's.
    expect(a.getConfig().percentFee).toBe(0);
    expect(b.getConfig().percentFee).toBe(0.2);
    expect(getConfig().percentFee).toBe(0.1);
    expect(a.Backtest.getReport("s")).toBe("backtest s 1");
    expect(a.Walker.getReport("w")).toBe("walker w s");
    expect(() => b.Backtest.getReport("s")).toThrow(expect.objectContaining({ code: "NO_REPORTER" }));
    // Schedule and heat data come from each engine's own runs.
    expect(a.Heat.getData("s").rows).toHaveLength(1);
    expect(a.Schedule.getData("s").backtest.scheduled).toBe(0);
    // The default engine saw none of it.
    expect(listStrategies().map((s) => s.strategyName)).not.toContain("s");
    expect(() => defaultEngine.Backtest.getData("s")).toThrow(
      expect.objectContaining({ code: "NO_BACKTEST_DATA" }),
    );
  });

  it("registrations can be removed; a removed name is unknown, and can be registered again", async () => {
    const e = engine();
    setUp(e, up);
    expect(e.removeStrategy("s")).toBe(true);
    expect(e.removeStrategy("s")).toBe(false);
    expect(e.listStrategies()).toEqual([]);
    expect(() => e.Backtest.run("TEST", { strategyName: "s", exchangeName: "x", frameName: "f" })).toThrow(
      expect.objectContaining({ code: "UNKNOWN_NAME" }),
    );
    expect(e.removeFrame("f")).toBe(true);
    expect(e.removeExchange("x")).toBe(true);
    expect(e.removeWalker("w")).toBe(true);
    expect([e.listExchanges(), e.listFrames(), e.listWalkers()]).toEqual([[], [], []]);
    setUp(e, down);
    await drain(e.Backtest.run("TEST", { strategyName: "s", exchangeName: "x", frameName: "f" }));
    expect(e.Backtest.getData("s").signalList[0]!.closeReason).toBe("stop_loss");
  });

  it("dispose() stops its background live runs (state kept), releases listeners, and refuses every later call", async () => {
    const persist = createMemoryPersist();
    const e = createEngine({ persist });
    const replay = createReplay({
      source: memoryExchange("history", { TEST: [...flat(at(-60), 60, 100), ...flat(at(0), 600, 100)] }),
      exchangeName: "replayed",
      startDate: new Date(at(0)),
      endDate: new Date(at(600)),
    });
    e.addExchange(replay.exchange);
    e.addStrategy({
      strategyName: "holder",
      interval: "1m",
      getSignal: () => ({
        position: "long",
        priceTakeProfit: 110,
        priceStopLoss: 90,
        minuteEstimatedTime: 1440,
      }),
    });
    const opened = new Promise<void>((resolve) => {
      e.listenSignalLive((event) => {
        if (event.action === "opened") resolve();
      });
    });
    const done: boolean[] = [];
    e.listenDoneLive((event) => {
      done.push(event.cancelled);
    });
    e.Live.background("TEST", { strategyName: "holder", exchangeName: "replayed" });
    await opened;
    await e.dispose();
    // The run ended before dispose() resolved, cancelled, with its open position persisted.
    expect(done).toEqual([true]);
    expect(await persist.keys("signals")).toHaveLength(1);
    const refused = (call: () => unknown) =>
      expect(call).toThrow(expect.objectContaining({ code: "ENGINE_DISPOSED" }));
    refused(() => e.addStrategy({ strategyName: "late", interval: "1m", getSignal: () => null }));
    refused(() => e.Backtest.getData("holder"));
    refused(() => e.listenSignal(() => undefined));
    refused(() => e.Live.run("TEST", { strategyName: "holder", exchangeName: "replayed" }));
    await e.dispose(); // idempotent
  });

  it("the default engine cannot be disposed", async () => {
    const error = await defaultEngine.dispose().catch((caught: unknown) => caught);
    expect(CandlewickError.isInstance(error) && error.code).toBe("ENGINE_NOT_DISPOSABLE");
  });

  it("checks its options, naming the bad one", () => {
    expect(() => createEngine({ name: "" })).toThrow(expect.objectContaining({ code: "INVALID_ARGUMENT" }));
    expect(() => createEngine({ config: { percentFee: -1 } })).toThrow(/percentFee/);
    expect(() => createEngine({ persist: {} as never })).toThrow(/specificationVersion "v1"/);
    expect(() => createEngine({ reporter: { specificationVersion: "v1" } as never })).toThrow(/name/);
  });
});
