import { InvalidArgumentError } from "@candlewick/core";
import { describe, expect, it } from "vitest";
import { bracket } from "./bracket.js";

describe("bracket", () => {
  it("puts a long's take-profit above and stop below the price", () => {
    // 100 × 1.02 = 102; 100 × 0.99 = 99
    expect(bracket({ position: "long", price: 100, takeProfitPct: 2, stopLossPct: 1 })).toEqual({
      position: "long",
      priceTakeProfit: 102,
      priceStopLoss: 99,
    });
  });

  it("mirrors a short, and carries lifetime, limit entry and note", () => {
    // 50 000 × 0.985 = 49 250; 50 000 × 1.005 = 50 250
    const signal = bracket({
      position: "short",
      price: 50_000,
      takeProfitPct: 1.5,
      stopLossPct: 0.5,
      minuteEstimatedTime: 240,
      entry: "limit",
      note: "fade",
    });
    expect(signal.priceTakeProfit).toBeCloseTo(49_250, 9);
    expect(signal.priceStopLoss).toBeCloseTo(50_250, 9);
    expect(signal).toMatchObject({
      position: "short",
      minuteEstimatedTime: 240,
      priceOpen: 50_000,
      note: "fade",
    });
  });

  it.each([
    ["position", { position: "flat" }],
    ["price", { price: 0 }],
    ["takeProfitPct", { takeProfitPct: Number.NaN }],
    ["stopLossPct", { stopLossPct: -1 }],
    ["stopLossPct", { stopLossPct: 100 }],
    ["minuteEstimatedTime", { minuteEstimatedTime: 1.5 }],
    ["entry", { entry: "stop" }],
  ])("names a bad %s", (field, patch) => {
    const call = () =>
      bracket({ position: "long", price: 100, takeProfitPct: 2, stopLossPct: 1, ...(patch as object) });
    expect(call).toThrow(InvalidArgumentError);
    expect(call).toThrow(`[bracket] "${field}"`);
  });
});
