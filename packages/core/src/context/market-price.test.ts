import { getAveragePrice, getMarketPrice, SignalValidationError } from "@candlewick/core";
import { describe, expect, it } from "vitest";
import { at, bars, flat } from "../testing/memory-exchange.js";
import { runScenario } from "../testing/scenario.js";

// Issue 9 item 15: one price for pricing a market entry and for validating it. At 10:00 the last closed 1m
// candle (10:59 → 10:00) closes at 109.3 on a tiny volume, after four at 110: the close and the VWAP differ.
const candles = [
  ...flat(at(-30), 29, 110),
  ...bars(at(-1), [[110, 110, 109.3, 109.3, 0.01]]),
  ...flat(at(0), 30, 109.3),
];
// VWAP of the last 5: Σ(hlc3 · volume) / Σvolume, by hand.
const vwap = (4 * 110 + 0.01 * ((110 + 109.3 + 109.3) / 3)) / 4.01;

async function pricesAt0(config = {}) {
  const seen: number[][] = [];
  await runScenario({
    label: "market-price",
    candles,
    start: at(0),
    end: at(1),
    config,
    getSignal: async (symbol) => {
      seen.push([await getMarketPrice(), await getAveragePrice(symbol)]);
      return null;
    },
  });
  return seen;
}

describe("getMarketPrice", () => {
  it("is the last closed 1m close under the candle model, the VWAP under vwap", async () => {
    expect(await pricesAt0()).toEqual([[109.3, expect.closeTo(vwap, 9)]]);
    const underVwap = await pricesAt0({ fillModel: "vwap" });
    expect(underVwap[0]![0]).toBeCloseTo(vwap, 9);
  });

  it("is what validation measures from: a 1% stop priced from it is accepted, from the VWAP rejected", async () => {
    const run = (price: () => Promise<number>) =>
      runScenario({
        label: "priced-from",
        candles,
        start: at(0),
        end: at(1),
        getSignal: async () => {
          const p = await price();
          return {
            position: "long",
            priceTakeProfit: p * 1.015,
            priceStopLoss: p * 0.99,
            minuteEstimatedTime: 5,
          };
        },
      });
    const fromMarket = await run(() => getMarketPrice());
    expect(fromMarket.errors).toEqual([]);
    expect(fromMarket.results.map((result) => result.signal.priceOpen)).toEqual([109.3]);
    // 110 × 0.99 ≈ 108.9 is only ≈ 0.37% under the 109.3 entry: below the 0.5% minimum.
    const fromVwap = await run(() => getAveragePrice("TEST"));
    expect(fromVwap.results).toEqual([]);
    expect(fromVwap.errors).toHaveLength(1);
    expect(fromVwap.errors[0]).toBeInstanceOf(SignalValidationError);
    expect(fromVwap.errors[0]!.message).toContain("from the current price (109.3); expected at least 0.5%");
  });
});
