import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  createEngine,
  type Engine,
  evaluateRisks,
  type Reporter,
  Risk,
  type RiskContext,
  type RiskRejection,
} from "@candlewick/core";
import { afterEach, describe, expect, it } from "vitest";
import { engineStateOf } from "../engine/create-engine.js";
import { createRunContext } from "../kernel/create-run-context.js";
import { memoryExchange } from "../walker/hand-made-market.test-helpers.js";
import { riskRejectionOf } from "./risk-rejection-of.js";

// The kernel asks the risks and publishes what they reject; until it does, these tests publish directly, the way
// a run will: evaluateRisks → riskRejectionOf → EngineState.publishRisk.

const made: Engine[] = [];
afterEach(async () => {
  for (const engine of made.splice(0)) await engine.dispose();
});
function engine(options?: Parameters<typeof createEngine>[0]): Engine {
  const created = createEngine(options);
  made.push(created);
  return created;
}

const reporter: Reporter = {
  specificationVersion: "v1",
  name: "json",
  fileExtension: ".json",
  renderBacktest: () => "backtest",
  renderLive: () => "live",
  renderWalker: () => "walker",
  renderSchedule: () => "schedule",
  renderHeat: () => "heat",
  renderPerformance: () => "performance",
  renderRisk: (data) => JSON.stringify(data),
  renderPortfolio: (data) => JSON.stringify(data),
};

function contextOn(symbol: string, positions: number, strategyName = "s"): RiskContext {
  return {
    candidate: {
      symbol,
      strategyName,
      exchangeName: "x",
      position: "long",
      priceOpen: 100,
      priceTakeProfit: 102,
      priceStopLoss: 98,
      quantity: 1,
      cost: 100,
      kind: "open",
    },
    positions: Array.from({ length: positions }, (_, n) => ({
      symbol: `S${n}`,
      strategyName,
      position: "long" as const,
      phase: "opened" as const,
      exposure: 100,
    })),
    equity: 10_000,
    cash: 10_000 - positions * 100,
    dayPnl: 0,
    timestamp: Date.UTC(2026, 3, 1, 10, positions),
    backtest: true,
  };
}

/** What a run does when its strategy wants to enter: ask the engine's risks, publish a rejection. */
function decide(e: Engine, riskNames: readonly string[], context: RiskContext): RiskRejection | null {
  const state = engineStateOf(e);
  const failure = evaluateRisks(
    riskNames.map((name) => state.risks.get(name)),
    context,
  );
  if (failure === null) return null;
  const rejection = riskRejectionOf(failure, context, "week");
  state.publishRisk(rejection);
  return rejection;
}

describe("listenRisk and Risk", () => {
  it("delivers each rejection to listenRisk and keeps it for Risk.getData", async () => {
    const e = engine();
    e.addRisk({ riskName: "two-at-most", maxConcurrentPositions: 2 });
    const seen: RiskRejection[] = [];
    e.listenRisk((rejection) => {
      seen.push(rejection);
    });
    expect(decide(e, ["two-at-most"], contextOn("BTCUSDT", 1))).toBeNull();
    const rejected = decide(e, ["two-at-most"], contextOn("ETHUSDT", 2));
    expect(rejected).toEqual({
      riskName: "two-at-most",
      rule: "maxConcurrentPositions",
      reason: "2 positions open or scheduled, maxConcurrentPositions is 2",
      candidate: contextOn("ETHUSDT", 2).candidate,
      timestamp: Date.UTC(2026, 3, 1, 10, 2),
      backtest: true,
      frameName: "week",
      activePositions: 2,
    });
    await Promise.resolve();
    expect(seen).toEqual([rejected]);
    const data = e.Risk.getData("two-at-most");
    expect(data.totalRejections).toBe(1);
    expect(data.rejections).toEqual([rejected]);
    expect(e.Risk.getData().byRisk).toEqual([{ name: "two-at-most", count: 1 }]);
    expect(e.Risk.getData("two-at-most", "BTCUSDT").totalRejections).toBe(0);
  });

  it("listenRiskOnce takes the first matching rejection only, then unsubscribes", async () => {
    const e = engine();
    e.addRisk({ riskName: "none", maxConcurrentPositions: 1 });
    const seen: string[] = [];
    e.listenRiskOnce(
      (rejection) => rejection.candidate.symbol === "ETHUSDT",
      (rejection) => {
        seen.push(`${rejection.candidate.symbol} ${rejection.activePositions}`);
      },
    );
    decide(e, ["none"], contextOn("BTCUSDT", 1));
    decide(e, ["none"], contextOn("ETHUSDT", 2));
    decide(e, ["none"], contextOn("ETHUSDT", 3));
    await Promise.resolve();
    expect(seen).toEqual(["ETHUSDT 2"]);
    expect(e.Risk.getData("none").totalRejections).toBe(3);
  });

  it("renders through the engine's reporter, and dumps one risk or every risk", async () => {
    const e = engine({ reporter });
    e.addRisk({ riskName: "a", maxConcurrentPositions: 1 });
    e.addRisk({ riskName: "b", validations: [{ name: "never", validate: () => "closed for the day" }] });
    decide(e, ["a"], contextOn("BTCUSDT", 1));
    decide(e, ["b"], contextOn("BTCUSDT", 0));
    expect(JSON.parse(e.Risk.getReport("b"))).toEqual(JSON.parse(JSON.stringify(e.Risk.getData("b"))));
    const dir = await mkdtemp(join(tmpdir(), "candlewick-risk-"));
    try {
      const one = await e.Risk.dump("a", dir);
      expect(one).toBe(join(dir, "a.json"));
      expect(JSON.parse(await readFile(one, "utf8")).totalRejections).toBe(1);
      const every = await e.Risk.dump(undefined, dir);
      expect(every).toBe(join(dir, "all-risks.json"));
      const all = JSON.parse(await readFile(every, "utf8"));
      expect(all.riskName).toBeNull();
      expect(all.byRule).toEqual([
        { name: "maxConcurrentPositions", count: 1 },
        { name: "never", count: 1 },
      ]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    expect(() => engine().Risk.getReport("a")).toThrow(expect.objectContaining({ code: "NO_REPORTER" }));
  });
});

describe("risks belong to their engine", () => {
  it("two engines with a risk of the same name keep their own limits, listeners and rejections", async () => {
    const a = engine();
    const b = engine();
    a.addRisk({ riskName: "r", maxConcurrentPositions: 1 });
    b.addRisk({ riskName: "r", maxConcurrentPositions: 5 });
    const seenA: RiskRejection[] = [];
    const seenB: RiskRejection[] = [];
    a.listenRisk((rejection) => void seenA.push(rejection));
    b.listenRisk((rejection) => void seenB.push(rejection));
    // the same decision: 1 position open
    expect(decide(a, ["r"], contextOn("BTCUSDT", 1))?.rule).toBe("maxConcurrentPositions");
    expect(decide(b, ["r"], contextOn("BTCUSDT", 1))).toBeNull();
    await Promise.resolve();
    expect(seenA).toHaveLength(1);
    expect(seenB).toEqual([]);
    expect(a.Risk.getData("r").totalRejections).toBe(1);
    expect(b.Risk.getData("r").totalRejections).toBe(0);
    expect(a.listRisks()[0]?.maxConcurrentPositions).toBe(1);
    expect(b.listRisks()[0]?.maxConcurrentPositions).toBe(5);
    // the default engine saw none of it
    expect(Risk.getData().totalRejections).toBe(0);
  });

  it("a disposed engine forgets its risks and refuses the risk calls", async () => {
    const e = createEngine();
    e.addRisk({ riskName: "r" });
    await e.dispose();
    for (const call of [
      () => e.listRisks(),
      () => e.addRisk({ riskName: "late" }),
      () => e.removeRisk("r"),
      () => e.listenRisk(() => undefined),
      () =>
        e.listenRiskOnce(
          () => true,
          () => undefined,
        ),
      () => e.Risk.getData("r"),
    ]) {
      expect(call).toThrow(expect.objectContaining({ code: "ENGINE_DISPOSED" }));
    }
    expect(engineStateOf(e).risks.list()).toEqual([]);
  });
});

describe("a run resolves its strategy's risks when it starts", () => {
  const mode = { backtest: true, frameName: "f", horizon: () => 0 };

  it("riskName then riskList, each once, as registered", () => {
    const e = engine();
    e.addExchange(memoryExchange("x", {}));
    e.addRisk({ riskName: "b", maxExposure: 500 });
    e.addRisk({ riskName: "a", maxConcurrentPositions: 2 });
    e.addStrategy({ strategyName: "none", interval: "1m", getSignal: () => null });
    e.addStrategy({
      strategyName: "both",
      interval: "1m",
      getSignal: () => null,
      riskName: "a",
      riskList: ["b", "a"],
    });
    const state = engineStateOf(e);
    const run = (strategyName: string) =>
      createRunContext(state, "Backtest.run", "TEST", { strategyName, exchangeName: "x" }, mode);
    expect(run("none").risks).toEqual([]);
    expect(run("both").risks.map((r) => r.riskName)).toEqual(["a", "b"]);
    expect(run("both").risks[1]).toBe(e.listRisks()[0]);
    // removing a risk later does not change a run already resolved
    const started = run("both");
    e.removeRisk("b");
    expect(started.risks.map((r) => r.riskName)).toEqual(["a", "b"]);
  });

  it("an unknown risk name throws before anything starts, listing the registered ones", () => {
    const e = engine();
    e.addExchange(memoryExchange("x", {}));
    e.addFrame({
      frameName: "f",
      interval: "1m",
      startDate: new Date("2026-04-01"),
      endDate: new Date("2026-04-02"),
    });
    e.addRisk({ riskName: "known" });
    e.addStrategy({ strategyName: "s", interval: "1m", getSignal: () => null, riskList: ["known", "nope"] });
    const start = () => e.Backtest.run("TEST", { strategyName: "s", exchangeName: "x", frameName: "f" });
    expect(start).toThrow(expect.objectContaining({ code: "UNKNOWN_NAME" }));
    expect(start).toThrow('[core] unknown risk "nope"; registered risks: "known"');
  });
});
