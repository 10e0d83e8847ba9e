import {
  addWalker,
  Backtest,
  CandlewickError,
  InvalidArgumentError,
  listenError,
  listenWalker,
  listenWalkerComplete,
  listWalkers,
  type SignalDto,
  UnknownNameError,
  Walker,
  type WalkerData,
  type WalkerProgress,
} from "@candlewick/core";
import { describe, expect, it } from "vitest";
import {
  at,
  bars,
  expectedPnl,
  flat,
  registerMarket,
  signalsAtMinutes,
  uniqueName,
} from "./hand-made-market.test-helpers.js";

// One hand-written market for every strategy (a walker runs its strategies on the same candles): flat at 100,
// with a spike up to 102.5 at 10:10, a dip to 97.5 at 10:20, a dip to 98.5 at 10:28 and a spike up at 10:30.
const candles = [
  ...flat(at(-5), 15, 100),
  ...bars(at(10), [[100, 102.5, 100, 100]]),
  ...flat(at(11), 9, 100),
  ...bars(at(20), [[100, 100, 97.5, 100]]),
  ...flat(at(21), 7, 100),
  ...bars(at(28), [[100, 100, 98.5, 100]]),
  ...flat(at(29), 1, 100),
  ...bars(at(30), [[100, 102.5, 100, 100]]),
  ...flat(at(31), 60, 100),
];
const long: SignalDto = {
  position: "long",
  priceTakeProfit: 102,
  priceStopLoss: 98,
  minuteEstimatedTime: 60,
};

// Results computed by hand from the candles (market entries fill at the last close, 100). The worst price seen
// while open (the trough) covers the candles before the one that closes the trade, and the exit price.
const p = expectedPnl("long", 100, 102); // take-profit at 102: +1.5944%
const l = expectedPnl("long", 100, 98); // stop-loss at 98: −2.3936% (also that trade's trough)
const z = expectedPnl("long", 100, 100); // worst price 100 while open: the round-trip cost, −0.3996%
const r = expectedPnl("long", 100, 98.5); // worst price 98.5 while open

/** Registers the six strategies under fresh names; returns them in walker order (`idle` first on purpose). */
function registerStrategies(label: string) {
  const names = {
    idle: uniqueName(`${label}-idle`), // never trades: every metric null
    loser: uniqueName(`${label}-loser`), // 10:15 → stop-loss at 10:20
    mixed: uniqueName(`${label}-mixed`), // 10:05 → TP at 10:10, then 10:15 → SL at 10:20
    deep: uniqueName(`${label}-deep`), // 10:25 → TP at 10:30 after a dip to 98.5 at 10:28
    twice: uniqueName(`${label}-twice`), // 10:05 → TP, 10:25 → TP (two equal results: zero variance)
    calm: uniqueName(`${label}-calm`), // 10:05 → TP at 10:10, never below 100
  };
  signalsAtMinutes(names.idle, {});
  signalsAtMinutes(names.loser, { 15: long });
  signalsAtMinutes(names.mixed, { 5: long, 15: long });
  signalsAtMinutes(names.deep, { 25: long });
  signalsAtMinutes(names.twice, { 5: long, 25: long });
  signalsAtMinutes(names.calm, { 5: long });
  return { names, order: [names.idle, names.loser, names.mixed, names.deep, names.twice, names.calm] };
}

async function runToEnd(symbol: string, walkerName: string): Promise<WalkerProgress[]> {
  const progress: WalkerProgress[] = [];
  for await (const step of Walker.run(symbol, { walkerName })) progress.push(step);
  return progress;
}

function market(label: string) {
  return registerMarket(label, { TEST: candles, TEST2: candles }, 0, 60);
}

describe("Walker ranking", () => {
  it("ranks by totalPnl, higher first, ties in list order, the null metric last", async () => {
    const { names, order } = registerStrategies("total");
    const walkerName = uniqueName("total-walker");
    addWalker({ walkerName, ...market("total"), strategies: order, metric: "totalPnl" });
    await runToEnd("TEST", walkerName);
    const data = Walker.getData(walkerName, "TEST");
    expect(data.strategies.map((row) => row.strategyName)).toEqual([
      names.twice, // 2p
      names.deep, // p (tie with calm: deep comes first in the walker's list)
      names.calm, // p
      names.mixed, // p + l
      names.loser, // l
      names.idle, // null
    ]);
    const values = Object.fromEntries(data.strategies.map((row) => [row.strategyName, row.metricValue]));
    expect(values[names.twice]).toBeCloseTo(2 * p, 9);
    expect(values[names.deep]).toBeCloseTo(p, 9);
    expect(values[names.calm]).toBeCloseTo(p, 9);
    expect(values[names.mixed]).toBeCloseTo(p + l, 9);
    expect(values[names.loser]).toBeCloseTo(l, 9);
    expect(values[names.idle]).toBeNull();
    expect(data.strategies.map((row) => row.rank)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(data).toMatchObject({
      walkerName,
      symbols: ["TEST"],
      metric: "totalPnl",
      metricDirection: "higher",
      totalStrategies: 6,
      strategiesTested: 6,
      bestStrategy: names.twice,
    });
    expect(data.bestMetric).toBeCloseTo(2 * p, 9);
    expect(data.strategies.at(-1)!.stats.unavailable.totalPnl).toBe("no closed trades");
  });

  it("ranks maxDrawdown lower-is-better, and a strategy without drawdown (no trades) last, not first", async () => {
    const { names, order } = registerStrategies("dd");
    const walkerName = uniqueName("dd-walker");
    addWalker({ walkerName, ...market("dd"), strategies: order, metric: "maxDrawdown" });
    await runToEnd("TEST", walkerName);
    const data = Walker.getData(walkerName, "TEST");
    const ranked = data.strategies.map((row) => row.strategyName);
    // calm −z < deep = twice −r < loser = mixed −l; idle null
    expect(ranked[0]).toBe(names.calm);
    expect(ranked.slice(1, 3).sort()).toEqual([names.deep, names.twice].sort());
    expect(ranked.slice(3, 5).sort()).toEqual([names.loser, names.mixed].sort());
    expect(ranked[5]).toBe(names.idle);
    const values = Object.fromEntries(data.strategies.map((row) => [row.strategyName, row.metricValue]));
    expect(values[names.calm]).toBeCloseTo(-z, 9);
    expect(values[names.deep]).toBeCloseTo(-r, 9);
    expect(values[names.twice]).toBeCloseTo(-r, 9); // the second trade dips from the new peak 1 + p/100
    expect(values[names.loser]).toBeCloseTo(-l, 9);
    expect(values[names.mixed]).toBeCloseTo(-l, 9); // the stop is hit from the new peak 1 + p/100
    expect(values[names.idle]).toBeNull();
    expect(data.bestStrategy).toBe(names.calm);
    expect(data.metricDirection).toBe("lower");
  });

  it("never lets a null metric win: by Sharpe only `mixed` has a value, and it wins although negative", async () => {
    const { names, order } = registerStrategies("sharpe");
    const walkerName = uniqueName("sharpe-walker");
    addWalker({ walkerName, ...market("sharpe"), strategies: order }); // default metric: sharpeRatio
    await runToEnd("TEST", walkerName);
    const data = Walker.getData(walkerName, "TEST");
    // mean (p + l)/2 over the sample deviation |p − l|/√2
    const sharpe = (p + l) / 2 / (Math.abs(p - l) / Math.SQRT2);
    expect(sharpe).toBeLessThan(0);
    expect(data.metric).toBe("sharpeRatio");
    expect(data.bestStrategy).toBe(names.mixed);
    expect(data.bestMetric).toBeCloseTo(sharpe, 9);
    expect(data.strategies.map((row) => row.strategyName)).toEqual([
      names.mixed,
      // every other value is null: they keep the walker's order
      names.idle,
      names.loser,
      names.deep,
      names.twice,
      names.calm,
    ]);
    const twice = data.strategies.find((row) => row.strategyName === names.twice)!;
    expect(twice.metricValue).toBeNull();
    expect(twice.stats.unavailable.sharpeRatio).toBe("zero variance");
  });

  it("has no best strategy when no strategy has a value for the metric", async () => {
    const idle = uniqueName("none-idle");
    const single = uniqueName("none-single");
    signalsAtMinutes(idle, {});
    signalsAtMinutes(single, { 5: long });
    const walkerName = uniqueName("none-walker");
    addWalker({ walkerName, ...market("none"), strategies: [idle, single], metric: "sharpeRatio" });
    const progress = await runToEnd("TEST", walkerName);
    expect(progress.map((step) => step.bestStrategy)).toEqual([null, null]);
    expect(Walker.getData(walkerName)).toMatchObject({
      bestStrategy: null,
      bestMetric: null,
      strategiesTested: 2,
    });
  });
});

describe("Walker progress, events and callbacks", () => {
  it("yields and emits progress after each strategy, then completion with the same data as getData", async () => {
    const { names, order } = registerStrategies("events");
    const walkerName = uniqueName("events-walker");
    const calls: string[] = [];
    addWalker({
      walkerName,
      ...market("events"),
      strategies: order,
      metric: "totalPnl",
      callbacks: {
        onStrategyStart: (strategyName, symbol) => {
          calls.push(`start ${strategyName} ${symbol}`);
        },
        onStrategyComplete: async (strategyName, _symbol, stats, metricValue) => {
          calls.push(
            `complete ${strategyName} ${stats.tradeCount} ${metricValue === null ? "null" : "value"}`,
          );
        },
        onComplete: (data) => {
          calls.push(`done ${data.bestStrategy}`);
        },
      },
    });
    const heard: WalkerProgress[] = [];
    const completed: WalkerData[] = [];
    const stop = [
      listenWalker((event) => {
        if (event.walkerName === walkerName) heard.push(event);
      }),
      listenWalkerComplete((event) => {
        if (event.walkerName === walkerName) completed.push(event);
      }),
    ];
    const yielded = await runToEnd("TEST", walkerName);
    for (const unsubscribe of stop) unsubscribe();

    expect(heard).toEqual(yielded);
    expect(yielded.map((step) => step.strategyName)).toEqual(order);
    expect(yielded.map((step) => step.strategiesTested)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(yielded.map((step) => step.progress)).toEqual([1 / 6, 2 / 6, 3 / 6, 4 / 6, 5 / 6, 1]);
    expect(yielded.map((step) => step.stats.tradeCount)).toEqual([0, 1, 2, 1, 2, 1]);
    // The best so far: nothing after idle (null), then loser, mixed (p + l > l), deep (p), twice (2p), twice.
    expect(yielded.map((step) => step.bestStrategy)).toEqual([
      null,
      names.loser,
      names.mixed,
      names.deep,
      names.twice,
      names.twice,
    ]);
    expect(yielded[5]!.metricValue).toBeCloseTo(p, 9);
    expect(yielded[5]!.bestMetric).toBeCloseTo(2 * p, 9);
    expect(yielded[0]).toMatchObject({ walkerName, symbol: "TEST", metric: "totalPnl", totalStrategies: 6 });

    expect(completed).toHaveLength(1);
    expect(completed[0]).toEqual(Walker.getData(walkerName, "TEST"));
    expect(calls).toEqual([
      ...order.flatMap((name, index) => [
        `start ${name} TEST`,
        `complete ${name} ${[0, 1, 2, 1, 2, 1][index]} ${index === 0 ? "null" : "value"}`,
      ]),
      `done ${names.twice}`,
    ]);
  });

  it("reports a throwing callback on listenError and goes on", async () => {
    const strategy = uniqueName("hook-strategy");
    signalsAtMinutes(strategy, { 5: long });
    const walkerName = uniqueName("hook-walker");
    addWalker({
      walkerName,
      ...market("hook"),
      strategies: [strategy],
      callbacks: {
        onStrategyComplete: () => {
          throw new Error("boom");
        },
      },
    });
    const errors: Error[] = [];
    const stop = listenError((error) => {
      errors.push(error);
    });
    const progress = await runToEnd("TEST", walkerName);
    stop();
    expect(progress).toHaveLength(1);
    expect(errors.map((error) => error.message)).toContain(
      `[core] walker "${walkerName}": callbacks.onStrategyComplete threw: boom`,
    );
  });

  it("each strategy is a normal backtest: Backtest.getData sees the walker's trades", async () => {
    const { names, order } = registerStrategies("isolated");
    const walkerName = uniqueName("isolated-walker");
    addWalker({ walkerName, ...market("isolated"), strategies: order });
    await runToEnd("TEST", walkerName);
    expect(Backtest.getData(names.mixed, "TEST").tradeCount).toBe(2);
    expect(Backtest.getData(names.calm, "TEST").signalList.map((trade) => trade.signal.pendingAt)).toEqual([
      at(5),
    ]);
  });

  it("background runs to completion and returns a cancel function that stops it", async () => {
    const { order } = registerStrategies("bg");
    const walkerName = uniqueName("bg-walker");
    addWalker({ walkerName, ...market("bg"), strategies: order });
    const done = new Promise<WalkerData>((resolve) => {
      const stop = listenWalkerComplete((data) => {
        if (data.walkerName !== walkerName) return;
        stop();
        resolve(data);
      });
    });
    const cancelLater = Walker.background("TEST", { walkerName });
    expect(typeof cancelLater).toBe("function");
    expect((await done).strategiesTested).toBe(6);

    const heard: WalkerProgress[] = [];
    let completed = false;
    const stop = [
      listenWalker((event) => {
        if (event.walkerName === walkerName && event.symbol === "TEST2") heard.push(event);
      }),
      listenWalkerComplete((event) => {
        if (event.walkerName === walkerName && event.symbols.includes("TEST2")) completed = true;
      }),
    ];
    const cancel = Walker.background("TEST2", { walkerName });
    cancel();
    await new Promise((resolve) => setTimeout(resolve, 300));
    for (const unsubscribe of stop) unsubscribe();
    expect(heard.length).toBeLessThan(6);
    expect(completed).toBe(false);
  });
});

describe("Walker.getData", () => {
  it("pools every symbol the walker ran on, or reads one", async () => {
    const { names, order } = registerStrategies("pool");
    const walkerName = uniqueName("pool-walker");
    addWalker({ walkerName, ...market("pool"), strategies: order, metric: "totalPnl" });
    await runToEnd("TEST", walkerName);
    await runToEnd("TEST2", walkerName);
    const pooled = Walker.getData(walkerName);
    expect(pooled.symbols).toEqual(["TEST", "TEST2"]);
    const calm = pooled.strategies.find((row) => row.strategyName === names.calm)!;
    expect(calm.stats.tradeCount).toBe(2);
    expect(calm.metricValue).toBeCloseTo(2 * p, 9);
    expect(pooled.bestStrategy).toBe(names.twice);
    expect(pooled.bestMetric).toBeCloseTo(4 * p, 9);
    expect(
      Walker.getData(walkerName, "TEST2").strategies.find((row) => row.strategyName === names.calm)!.stats
        .tradeCount,
    ).toBe(1);
  });

  it("throws naming the walker when it never ran, or never ran on that symbol", async () => {
    const strategy = uniqueName("nodata-strategy");
    signalsAtMinutes(strategy, {});
    const walkerName = uniqueName("nodata-walker");
    addWalker({ walkerName, ...market("nodata"), strategies: [strategy] });
    expect(() => Walker.getData(walkerName)).toThrow(`walker "${walkerName}" has not run on this engine`);
    await runToEnd("TEST", walkerName);
    expect(() => Walker.getData(walkerName, "TEST2")).toThrow(`has not run on TEST2; it ran on TEST`);
    expect(() => Walker.getData(uniqueName("missing"))).toThrow(UnknownNameError);
  });
});

describe("addWalker and Walker.run validation", () => {
  const valid = () => ({
    walkerName: uniqueName("valid-walker"),
    exchangeName: "x",
    frameName: "f",
    strategies: ["a", "b"],
  });

  it("registers and lists walkers", () => {
    const schema = valid();
    addWalker(schema);
    expect(listWalkers().map((walker) => walker.walkerName)).toContain(schema.walkerName);
    expect(() => addWalker(schema)).toThrow(InvalidArgumentError);
  });

  it.each([
    [{ strategies: [] }, "strategies"],
    [{ strategies: ["a", "a"] }, "strategies.1"],
    [{ metric: "bestMetricEver" }, "metric"],
    [{ setupModule: "./setup.ts" }, "setupModule"],
    [{ callbacks: { onComplete: 42 } }, "callbacks.onComplete"],
    [{ config: { percentFee: -1 } }, "config.percentFee"],
    [{ walkerName: "" }, "walkerName"],
  ])("rejects %j naming %s", (patch, field) => {
    const schema = { ...valid(), ...patch };
    let caught: unknown;
    try {
      addWalker(schema as never);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(InvalidArgumentError);
    expect((caught as InvalidArgumentError).field).toBe(field);
  });

  it("accepts an absolute path, a file: URL string or a URL as setupModule", () => {
    for (const setupModule of ["/abs/setup.js", "file:///abs/setup.ts", new URL("file:///abs/setup.mjs")]) {
      expect(() => addWalker({ ...valid(), setupModule })).not.toThrow();
    }
  });

  it("checks every name before anything runs", () => {
    const strategy = uniqueName("known");
    signalsAtMinutes(strategy, {});
    const names = market("names");
    const missing = uniqueName("missing-walker");
    expect(() => Walker.run("TEST", { walkerName: missing })).toThrow(UnknownNameError);
    const walkerName = uniqueName("names-walker");
    addWalker({ walkerName, ...names, strategies: [strategy, "not-registered"] });
    expect(() => Walker.run("TEST", { walkerName })).toThrow(/unknown strategy "not-registered"/);
    expect(() => Walker.run("", { walkerName })).toThrow(InvalidArgumentError);
    expect(() => Walker.run("TEST", { walkerName, concurrency: 0 })).toThrow(/"concurrency"/);
  });

  it("refuses concurrency > 1 without a setup module, saying why and what to add", () => {
    const strategy = uniqueName("solo");
    signalsAtMinutes(strategy, {});
    const walkerName = uniqueName("nosetup-walker");
    addWalker({ walkerName, ...market("nosetup"), strategies: [strategy] });
    let caught: unknown;
    try {
      Walker.run("TEST", { walkerName, concurrency: 2 });
    } catch (error) {
      caught = error;
    }
    expect(CandlewickError.isInstance(caught)).toBe(true);
    const message = (caught as Error).message;
    expect(message).toContain(`walker "${walkerName}" has no setupModule`);
    expect(message).toContain("Worker threads cannot receive functions");
    expect(message).toContain('setupModule: new URL("./setup.ts", import.meta.url)');
  });
});
