import { describe, expect, it } from "vitest";
import type { OrderIntent } from "./order-intent.js";
import { SafetyRails } from "./safety-rails.js";

const intent = (kind: "entry" | "add" | "close", quantity: number, price: number): OrderIntent => ({
  clientOrderId: `id-${kind}`,
  signalId: "s",
  leg: kind === "add" ? { kind, n: 1 } : { kind },
  request: {
    clientOrderId: `id-${kind}`,
    symbol: "X",
    side: "buy",
    type: "market",
    quantity,
    expectedPrice: price,
  },
  status: "pending",
  fills: [],
  attempts: 0,
});
const flat = { openNotional: 0, dayPnl: 0 };

describe("SafetyRails", () => {
  it("stops an entry above maxOrderNotional, and lets one at the limit through", () => {
    const rails = new SafetyRails({ maxOrderNotional: 500 });
    expect(rails.check(intent("entry", 5, 100), flat)).toBeNull();
    expect(rails.check(intent("entry", 5.01, 100), flat)).toEqual({
      rail: "maxOrderNotional",
      reason: "the order's notional 501 is above maxOrderNotional 500",
    });
  });

  it("counts what is held against maxOpenNotional, DCA adds included", () => {
    const rails = new SafetyRails({ maxOpenNotional: 1000 });
    expect(rails.check(intent("add", 3, 100), { openNotional: 700, dayPnl: 0 })).toBeNull();
    expect(rails.check(intent("add", 3.5, 100), { openNotional: 700, dayPnl: 0 })?.rail).toBe(
      "maxOpenNotional",
    );
  });

  it("trips the kill switch at maxDailyLoss: entries stop, exits still go", () => {
    const rails = new SafetyRails({ maxDailyLoss: 200, flattenOnKill: true });
    expect(rails.watch({ openNotional: 0, dayPnl: -199.99 })).toBe(false);
    expect(rails.watch({ openNotional: 0, dayPnl: -200 })).toBe(true);
    expect(rails.check(intent("entry", 1, 1), flat)?.reason).toMatch(
      /halted: the day's realised loss 200 reached maxDailyLoss 200/,
    );
    expect(rails.check(intent("close", 100, 100), flat)).toBeNull();
    expect(rails.flattenOnKill).toBe(true);
  });

  it("halts by hand, and rejects bad options naming the field", () => {
    const rails = new SafetyRails();
    rails.halt("operator: exchange incident");
    expect(rails.check(intent("entry", 1, 1), flat)?.rail).toBe("halted");
    expect(rails.haltedError().message).toMatch(/exchange incident/);
    expect(() => new SafetyRails({ maxOrderNotional: -1 })).toThrow(/"maxOrderNotional" is -1/);
    expect(() => new SafetyRails({ maxDailyLos: 1 } as never)).toThrow(/maxDailyLos/);
  });
});
