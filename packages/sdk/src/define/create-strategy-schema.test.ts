import {
  type ClosedResult,
  commitClosePending,
  createEngine,
  InvalidArgumentError,
  type SignalRow,
} from "@candlewick/core";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { bracket } from "../signals/bracket.js";
import { createMemoryExchange } from "../testing/create-memory-exchange.js";
import { loadCandleFixture } from "../testing/load-candle-fixture.js";
import { createStrategySchema } from "./create-strategy-schema.js";
import { defineStrategy } from "./define-strategy.js";

const base = {
  interval: "5m",
  params: z.object({ label: z.string() }),
  defaults: { label: "x" },
  getSignal: () => null,
} as const;

describe("createStrategySchema: sizing, riskName, riskList and onOpenInterval", () => {
  it("passes sizing and the risk names through as given, and leaves out what the definition leaves out", () => {
    const sizing = { kind: "risk", fraction: 0.01 } as const;
    const riskList = ["a", "b"];
    const schema = createStrategySchema(
      defineStrategy({ ...base, name: "pass-through", sizing, riskName: "a", riskList }),
    );
    expect(schema.sizing).toBe(sizing);
    expect(schema.riskName).toBe("a");
    expect(schema.riskList).toBe(riskList);
    // No hook given: none handed to core, so the backtest keeps its fast-forward.
    expect("onOpenInterval" in schema).toBe(false);

    const bare = createStrategySchema(defineStrategy({ ...base, name: "bare" }));
    for (const key of ["sizing", "riskName", "riskList", "onOpenInterval"]) expect(key in bare).toBe(false);
  });

  it("defineStrategy refuses an onOpenInterval that is not a function, naming it", () => {
    let caught: unknown;
    try {
      defineStrategy({ ...base, name: "bad-hook", onOpenInterval: "later" as never });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(InvalidArgumentError);
    expect((caught as Error).message).toBe(
      '[defineStrategy] "onOpenInterval" is "later"; expected a function (ctx, params, signal) => void',
    );
  });

  it("on real candles: the sizing sizes, the risks are asked in order, the hook gets ctx, params and the row", async () => {
    // BTCUSDT 1m, 2025-06-02 (real Binance candles shipped with the sdk). At each idle 5m boundary the strategy
    // asks for a long on a :x0 minute and a short on a :x5 one; "no-shorts" refuses every short, "count" (asked
    // after it) lets everything through and counts what reached it. The hook closes each position at its first
    // call, so every trade is closed ("closed") at the first 5m boundary after it opened.
    const candles = await loadCandleFixture("BTCUSDT", {
      from: new Date("2025-06-01T12:00:00Z"),
      to: new Date("2025-06-03T00:00:00Z"),
    });
    const asked = { long: 0, short: 0 };
    let counted = 0;
    const hookCalls: { symbol: string; when: number; label: string; signal: SignalRow }[] = [];
    const definition = defineStrategy({
      name: "sdk-positions",
      interval: "5m",
      params: z.object({ label: z.string() }),
      defaults: { label: "default" },
      sizing: { kind: "fixed-cost", cost: 250 },
      riskName: "no-shorts",
      riskList: ["count"],
      async getSignal(ctx) {
        const position = ctx.when.getUTCMinutes() % 10 === 0 ? "long" : "short";
        asked[position]++;
        return bracket({ position, price: await ctx.marketPrice(), takeProfitPct: 5, stopLossPct: 5 });
      },
      onOpenInterval(ctx, params, signal) {
        hookCalls.push({ symbol: ctx.symbol, when: ctx.when.getTime(), label: params.label, signal });
        commitClosePending(ctx.symbol);
      },
    });
    const engine = createEngine({ name: "sdk-positions" });
    try {
      engine.addExchange(createMemoryExchange("fixture", "BTCUSDT", candles));
      engine.addFrame({
        frameName: "day",
        interval: "1m",
        startDate: new Date("2025-06-02T00:00:00Z"),
        endDate: new Date("2025-06-02T12:00:00Z"),
      });
      engine.addRisk({
        riskName: "no-shorts",
        validations: [({ candidate }) => (candidate.position === "short" ? "no shorts" : undefined)],
      });
      engine.addRisk({
        riskName: "count",
        validations: [
          () => {
            counted++;
          },
        ],
      });
      engine.addStrategy(createStrategySchema(definition, { label: "given" }));
      const trades: ClosedResult[] = [];
      for await (const result of engine.Backtest.run("BTCUSDT", {
        strategyName: "sdk-positions:label=given",
        exchangeName: "fixture",
        frameName: "day",
      })) {
        if (result.action === "closed") trades.push(result);
      }

      expect(trades.length).toBeGreaterThan(20);
      expect(asked.short).toBeGreaterThan(0);
      // Every short was refused by the first risk and never reached the second; every long was let through.
      expect(trades.every((trade) => trade.signal.position === "long")).toBe(true);
      expect(trades).toHaveLength(asked.long);
      expect(engine.Risk.getData("no-shorts").totalRejections).toBe(asked.short);
      expect(counted).toBe(asked.long);
      // fixed-cost 250: the entry's value is the cost (fees come on top).
      for (const trade of trades) expect(trade.pnl.invested).toBeCloseTo(250, 6);
      // One hook call per trade, at its first 5m boundary, with the run's ctx, the variant's params and its row.
      expect(hookCalls).toHaveLength(trades.length);
      trades.forEach((trade, n) => {
        const call = hookCalls[n]!;
        expect(call.symbol).toBe("BTCUSDT");
        expect(call.label).toBe("given");
        expect(call.signal.id).toBe(trade.signal.id);
        expect(call.when % (5 * 60_000)).toBe(0);
        expect(call.when).toBeGreaterThan(trade.signal.pendingAt);
        expect(call.when - trade.signal.pendingAt).toBeLessThanOrEqual(5 * 60_000);
        expect(trade.closeReason).toBe("closed");
        expect(trade.closeTimestamp).toBe(call.when);
      });
    } finally {
      await engine.dispose();
    }
  });
});
