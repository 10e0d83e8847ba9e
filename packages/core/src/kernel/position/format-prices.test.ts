import type { ExchangeSchema } from "@candlewick/core";
import { describe, expect, it } from "vitest";
import type { ValidSignal } from "../validate-signal.js";
import { formatSignalPrices } from "./format-prices.js";

const tick = (decimals: number): ExchangeSchema => ({
  exchangeName: "x",
  getCandles: async () => [],
  formatPrice: (_symbol, price) => price.toFixed(decimals),
});

const long = {
  position: "long",
  priceTakeProfit: 101.23456,
  priceStopLoss: 98.76543,
  priceOpen: 100.004,
  scheduled: true,
  minuteEstimatedTime: 60,
  note: undefined,
  id: undefined,
} as unknown as ValidSignal;

describe("formatSignalPrices", () => {
  it("rounds the take-profit, the stop-loss and a limit entry to the market's precision", () => {
    const rounded = formatSignalPrices(tick(2), "s", "X", long) as ValidSignal;
    expect([rounded.priceTakeProfit, rounded.priceStopLoss, rounded.priceOpen]).toEqual([101.23, 98.77, 100]);
  });

  it("leaves a market entry's price alone: it is where the fill model fills, not an order price", () => {
    const rounded = formatSignalPrices(tick(0), "s", "X", { ...long, scheduled: false }) as ValidSignal;
    expect([rounded.priceTakeProfit, rounded.priceStopLoss, rounded.priceOpen]).toEqual([101, 99, 100.004]);
  });

  it("awaits an asynchronous formatPrice", async () => {
    const exchange: ExchangeSchema = { ...tick(1), formatPrice: async (_s, price) => price.toFixed(1) };
    const rounded = await formatSignalPrices(exchange, "s", "X", long);
    expect(rounded.priceTakeProfit).toBe(101.2);
  });

  it("refuses a bracket that rounding collapsed, with the values", () => {
    const tight = { ...long, priceTakeProfit: 100.3, priceStopLoss: 99.7, priceOpen: 100 };
    expect(() => formatSignalPrices(tick(0), "s", "X", tight)).toThrow(
      /take-profit 100, entry 100, stop-loss 100; expected take-profit > entry > stop-loss/,
    );
  });

  it("changes nothing without a formatPrice, and returns the same object when nothing moved", () => {
    const bare: ExchangeSchema = { exchangeName: "x", getCandles: async () => [] };
    expect(formatSignalPrices(bare, "s", "X", long)).toBe(long);
    const exact = { ...long, priceTakeProfit: 101.5, priceStopLoss: 98.5, priceOpen: 100 };
    expect(formatSignalPrices(tick(2), "s", "X", exact)).toBe(exact);
  });
});
