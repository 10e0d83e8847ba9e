import { describe, expect, it, vi } from "vitest";
import type { RiskCandidate, RiskContext, RiskPosition, RiskSchema } from "../spec/risk.js";
import { evaluateRisks } from "./evaluate-risks.js";
import { collectRiskMembers } from "./risk-members.js";
import { riskNamesOf } from "./risk-names-of.js";

const candidate = (patch: Partial<RiskCandidate> = {}): RiskCandidate => ({
  symbol: "BTCUSDT",
  strategyName: "s",
  exchangeName: "x",
  position: "long",
  priceOpen: 100,
  priceTakeProfit: 110,
  priceStopLoss: 95,
  quantity: 1,
  cost: 100,
  kind: "open",
  ...patch,
});

const held = (symbol: string, exposure: number, patch: Partial<RiskPosition> = {}): RiskPosition => ({
  symbol,
  strategyName: "s",
  position: "long",
  phase: "opened",
  exposure,
  ...patch,
});

const context = (
  positions: readonly RiskPosition[],
  patch: Partial<Omit<RiskContext, "candidate">> & { candidate?: Partial<RiskCandidate> } = {},
): RiskContext => ({
  positions,
  equity: 10_000,
  cash: 9_000,
  dayPnl: 0,
  timestamp: Date.UTC(2026, 3, 1, 12),
  backtest: true,
  ...patch,
  candidate: candidate(patch.candidate),
});

const risk = (patch: Partial<RiskSchema> = {}): RiskSchema => ({ riskName: "r", ...patch });

describe("evaluateRisks: built-in limits", () => {
  it("allows everything with no risk, or a risk that sets nothing", () => {
    const positions = [held("BTCUSDT", 5_000), held("ETHUSDT", 5_000)];
    expect(evaluateRisks([], context(positions))).toBeNull();
    expect(evaluateRisks([risk()], context(positions))).toBeNull();
  });

  it("maxConcurrentPositions: rejects a new entry once the open and scheduled positions reach the limit", () => {
    const two = [held("BTCUSDT", 100), held("ETHUSDT", 100, { phase: "scheduled" })];
    expect(evaluateRisks([risk({ maxConcurrentPositions: 3 })], context(two))).toBeNull();
    const three = [...two, held("SOLUSDT", 100)];
    expect(evaluateRisks([risk({ maxConcurrentPositions: 3 })], context(three))).toEqual({
      riskName: "r",
      rule: "maxConcurrentPositions",
      reason: "3 positions open or scheduled, maxConcurrentPositions is 3",
    });
    expect(evaluateRisks([risk({ maxConcurrentPositions: 1 })], context([held("SOLUSDT", 1)]))?.reason).toBe(
      "1 position open or scheduled, maxConcurrentPositions is 1",
    );
  });

  it("maxPositionsPerSymbol: counts only the candidate's symbol", () => {
    const positions = [held("BTCUSDT", 100), held("BTCUSDT", 100), held("ETHUSDT", 100)];
    const limit = [risk({ maxPositionsPerSymbol: 2 })];
    expect(evaluateRisks(limit, context(positions))).toEqual({
      riskName: "r",
      rule: "maxPositionsPerSymbol",
      reason: "2 positions open or scheduled on BTCUSDT, maxPositionsPerSymbol is 2",
    });
    expect(evaluateRisks(limit, context(positions, { candidate: { symbol: "ETHUSDT" } }))).toBeNull();
  });

  it("maxExposure: Σ exposure + the candidate's cost may reach the limit, not exceed it", () => {
    const limit = [risk({ maxExposure: 300 })];
    // 120 + 80 held, + 100 = 300: exactly the limit
    expect(evaluateRisks(limit, context([held("BTCUSDT", 120), held("ETHUSDT", 80)]))).toBeNull();
    // 120 + 80.5 held, + 100 = 300.5 > 300
    expect(evaluateRisks(limit, context([held("BTCUSDT", 120), held("ETHUSDT", 80.5)]))).toEqual({
      riskName: "r",
      rule: "maxExposure",
      reason: "exposure would be 300.5 (200.5 held + 100 for this entry), maxExposure is 300",
    });
    // nothing held, an entry larger than the limit on its own
    expect(evaluateRisks(limit, context([], { candidate: { cost: 300.01 } }))?.reason).toBe(
      "exposure would be 300.01 (0 held + 300.01 for this entry), maxExposure is 300",
    );
  });

  it("maxExposure: float noise of the sums stays out of the reason", () => {
    // 0.1 + 0.2 is 0.30000000000000004 in floating point
    const positions = [held("BTCUSDT", 0.1), held("ETHUSDT", 0.2)];
    expect(
      evaluateRisks([risk({ maxExposure: 0.35 })], context(positions, { candidate: { cost: 0.1 } }))?.reason,
    ).toBe("exposure would be 0.4 (0.3 held + 0.1 for this entry), maxExposure is 0.35");
  });

  it("maxDailyLoss: rejects once today's realised loss reaches the limit", () => {
    const limit = [risk({ maxDailyLoss: 200 })];
    expect(evaluateRisks(limit, context([], { dayPnl: -199.99 }))).toBeNull();
    expect(evaluateRisks(limit, context([], { dayPnl: 50 }))).toBeNull();
    expect(evaluateRisks(limit, context([], { dayPnl: -200 }))).toEqual({
      riskName: "r",
      rule: "maxDailyLoss",
      reason: "today's realised loss is 200 (since 00:00 UTC), maxDailyLoss is 200",
    });
  });

  it("long or short plays no part: a short candidate among longs and shorts gets the same answer", () => {
    const limits = risk({ maxConcurrentPositions: 2, maxPositionsPerSymbol: 1, maxExposure: 250 });
    const mixed = [held("ETHUSDT", 100, { position: "short" })];
    for (const position of ["long", "short"] as const) {
      expect(evaluateRisks([limits], context(mixed, { candidate: { position } }))).toBeNull();
      expect(
        evaluateRisks([limits], context([...mixed, held("SOLUSDT", 100)], { candidate: { position } }))?.rule,
      ).toBe("maxConcurrentPositions");
      expect(
        evaluateRisks(
          [limits],
          context([held("BTCUSDT", 100, { position: "short" })], { candidate: { position } }),
        )?.rule,
      ).toBe("maxPositionsPerSymbol");
      expect(evaluateRisks([limits], context(mixed, { candidate: { position, cost: 151 } }))?.rule).toBe(
        "maxExposure",
      );
    }
  });

  it("a DCA add is not a new position for the count limits, but its cost counts against exposure", () => {
    const full = [held("BTCUSDT", 100), held("ETHUSDT", 100), held("BTCUSDT", 50)];
    const counts = risk({ maxConcurrentPositions: 3, maxPositionsPerSymbol: 2 });
    expect(evaluateRisks([counts], context(full))?.rule).toBe("maxConcurrentPositions");
    expect(evaluateRisks([counts], context(full, { candidate: { kind: "average_buy" } }))).toBeNull();
    // 250 held + 100 = 350 > 300
    const exposure = risk({ maxConcurrentPositions: 3, maxExposure: 300 });
    expect(evaluateRisks([exposure], context(full, { candidate: { kind: "average_buy" } }))).toEqual({
      riskName: "r",
      rule: "maxExposure",
      reason: "exposure would be 350 (250 held + 100 for this entry), maxExposure is 300",
    });
    expect(
      evaluateRisks(
        [risk({ maxDailyLoss: 10 })],
        context([], { dayPnl: -10, candidate: { kind: "average_buy" } }),
      )?.rule,
    ).toBe("maxDailyLoss");
  });

  it("checks the limits in the documented order, risk by risk", () => {
    // breaks all four limits of the first risk
    const everything = risk({
      maxConcurrentPositions: 1,
      maxPositionsPerSymbol: 1,
      maxExposure: 1,
      maxDailyLoss: 1,
    });
    const positions = [held("BTCUSDT", 100)];
    const losing = { dayPnl: -5 };
    expect(evaluateRisks([everything], context(positions, losing))?.rule).toBe("maxConcurrentPositions");
    const { maxConcurrentPositions: _a, ...perSymbolOn } = everything;
    expect(evaluateRisks([perSymbolOn], context(positions, losing))?.rule).toBe("maxPositionsPerSymbol");
    const { maxPositionsPerSymbol: _b, ...exposureOn } = perSymbolOn;
    expect(evaluateRisks([exposureOn], context(positions, losing))?.rule).toBe("maxExposure");
    const { maxExposure: _c, ...dailyOn } = exposureOn;
    expect(evaluateRisks([dailyOn], context(positions, losing))?.rule).toBe("maxDailyLoss");
    // the first risk allows; the second rejects
    const second = risk({ riskName: "second", maxExposure: 150 });
    expect(evaluateRisks([risk({ maxConcurrentPositions: 5 }), second], context(positions))).toMatchObject({
      riskName: "second",
      rule: "maxExposure",
    });
  });

  it("hands out the same reason string while a limit rejects with the same numbers, a new one when they change", () => {
    const limit = [risk({ maxExposure: 150, maxPositionsPerSymbol: 1 })];
    const first = evaluateRisks(limit, context([held("ETHUSDT", 100)]));
    const again = evaluateRisks(limit, context([held("ETHUSDT", 100)]));
    expect(again?.reason).toBe(first?.reason);
    expect(evaluateRisks(limit, context([held("ETHUSDT", 120)]))?.reason).toBe(
      "exposure would be 220 (120 held + 100 for this entry), maxExposure is 150",
    );
    // the per-symbol sentence names the symbol: another symbol gets its own sentence
    expect(evaluateRisks(limit, context([held("BTCUSDT", 1)]))?.reason).toBe(
      "1 position open or scheduled on BTCUSDT, maxPositionsPerSymbol is 1",
    );
    const onEth = context([held("ETHUSDT", 1)], { candidate: { symbol: "ETHUSDT" } });
    expect(evaluateRisks(limit, onEth)?.reason).toBe(
      "1 position open or scheduled on ETHUSDT, maxPositionsPerSymbol is 1",
    );
  });

  it("counts only the positions of the strategies sharing the risk when members are given", () => {
    const positions = [
      held("BTCUSDT", 100, { strategyName: "a" }),
      held("ETHUSDT", 100, { strategyName: "b" }),
      held("SOLUSDT", 100, { strategyName: "outsider" }),
    ];
    const members = collectRiskMembers([
      { strategyName: "a", riskName: "shared" },
      { strategyName: "b", riskList: ["shared", "b-only"] },
      { strategyName: "outsider" },
    ]);
    const shared = risk({ riskName: "shared", maxConcurrentPositions: 3, maxExposure: 300 });
    const onA = context(positions, { candidate: { strategyName: "a" } });
    // a and b hold 2 positions and 200: a third entry of 100 is allowed
    expect(evaluateRisks([shared], onA, members)).toBeNull();
    // without members, all 3 positions (300) count
    expect(evaluateRisks([shared], onA)?.rule).toBe("maxConcurrentPositions");
    // a risk members know nothing about counts every position
    expect(
      evaluateRisks([risk({ riskName: "unlisted", maxConcurrentPositions: 3 })], onA, members)?.rule,
    ).toBe("maxConcurrentPositions");
    expect([...(members.get("b-only") ?? [])]).toEqual(["b"]);
  });
});

describe("evaluateRisks: custom validations", () => {
  it("a returned string rejects with that reason; the rule is the name, or validations[i]", () => {
    const named = risk({
      validations: [{ name: "no-weekends", validate: () => "the market is closed on Sunday" }],
    });
    expect(evaluateRisks([named], context([]))).toEqual({
      riskName: "r",
      rule: "no-weekends",
      reason: "the market is closed on Sunday",
    });
    const unnamed = risk({ validations: [() => undefined, { validate: () => "second says no" }] });
    expect(evaluateRisks([unnamed], context([]))).toEqual({
      riskName: "r",
      rule: "validations[1]",
      reason: "second says no",
    });
  });

  it("returning nothing (undefined or null) allows", () => {
    const allows = risk({ validations: [() => undefined, () => {}, () => null as unknown as undefined] });
    expect(evaluateRisks([allows], context([]))).toBeNull();
  });

  it("a thrown error rejects with its message; a thrown string with the string", () => {
    const throwsError = risk({
      validations: [
        () => {
          throw new Error("volatility too high: 7.2%");
        },
      ],
    });
    expect(evaluateRisks([throwsError], context([]))).toEqual({
      riskName: "r",
      rule: "validations[0]",
      reason: "volatility too high: 7.2%",
    });
    const throwsString = risk({
      validations: [
        () => {
          throw "not today";
        },
      ],
    });
    expect(evaluateRisks([throwsString], context([]))?.reason).toBe("not today");
    const throwsEmpty = risk({
      validations: [
        () => {
          throw new TypeError("");
        },
      ],
    });
    expect(evaluateRisks([throwsEmpty], context([]))?.reason).toBe("TypeError without a message");
    const throwsNumber = risk({
      validations: [
        () => {
          throw 42;
        },
      ],
    });
    expect(evaluateRisks([throwsNumber], context([]))?.reason).toBe("threw 42");
  });

  it("a returned Error rejects with its message; an empty string rejects without a reason", () => {
    expect(
      evaluateRisks([risk({ validations: [() => new Error("too late") as never] })], context([]))?.reason,
    ).toBe("too late");
    expect(evaluateRisks([risk({ validations: [() => ""] })], context([]))?.reason).toBe(
      "rejected without a reason",
    );
  });

  it("fails closed on anything else it returns: a boolean, a number, a promise", async () => {
    expect(evaluateRisks([risk({ validations: [() => true as never] })], context([]))?.reason).toBe(
      "returned true; a validation returns nothing to allow, or a reason string to reject",
    );
    expect(evaluateRisks([risk({ validations: [() => false as never] })], context([]))?.reason).toBe(
      "returned false; a validation returns nothing to allow, or a reason string to reject",
    );
    const unhandled = vi.fn();
    process.on("unhandledRejection", unhandled);
    try {
      const asyncValidation = async () => {
        throw new Error("later");
      };
      expect(evaluateRisks([risk({ validations: [asyncValidation as never] })], context([]))?.reason).toBe(
        "returned a promise; a validation is synchronous: return nothing to allow, or a reason string to reject",
      );
      await new Promise((resolve) => setTimeout(resolve, 10));
      expect(unhandled).not.toHaveBeenCalled();
    } finally {
      process.off("unhandledRejection", unhandled);
    }
  });

  it("runs after the built-in limits, in order, and stops at the first rejection", () => {
    const first = vi.fn(() => undefined);
    const second = vi.fn(() => "second rejects");
    const third = vi.fn(() => "never asked");
    const later = vi.fn(() => undefined);
    const positions = [held("BTCUSDT", 100)];
    const risks = [
      risk({ validations: [first, second, third] }),
      risk({ riskName: "later", validations: [later] }),
    ];
    expect(evaluateRisks(risks, context(positions))).toEqual({
      riskName: "r",
      rule: "validations[1]",
      reason: "second rejects",
    });
    expect([first.mock.calls.length, second.mock.calls.length, third.mock.calls.length]).toEqual([1, 1, 0]);
    expect(later).not.toHaveBeenCalled();
    // a limit that rejects first: no validation of that risk runs
    const limited = risk({ maxConcurrentPositions: 1, validations: [first] });
    expect(evaluateRisks([limited], context(positions))?.rule).toBe("maxConcurrentPositions");
    expect(first).toHaveBeenCalledTimes(1);
  });

  it("gives each validation the whole context, unfiltered", () => {
    const seen: RiskContext[] = [];
    const positions = [held("BTCUSDT", 100, { strategyName: "outsider" })];
    const given = context(positions);
    const members = collectRiskMembers([{ strategyName: "s", riskName: "r" }]);
    evaluateRisks([risk({ validations: [(ctx) => void seen.push(ctx)] })], given, members);
    expect(seen).toEqual([given]);
    expect(seen[0]).toBe(given);
  });
});

describe("riskNamesOf", () => {
  it("is riskName then riskList, each name once", () => {
    expect(riskNamesOf({})).toEqual([]);
    expect(riskNamesOf({ riskName: "a" })).toEqual(["a"]);
    expect(riskNamesOf({ riskName: "b", riskList: ["a", "b", "c", "a"] })).toEqual(["b", "a", "c"]);
  });
});
