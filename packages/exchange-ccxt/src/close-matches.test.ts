import { describe, expect, it } from "vitest";
import { closeMatches, editDistance } from "./close-matches.js";

describe("editDistance", () => {
  it.each([
    ["", "", 0],
    ["abc", "", 3],
    ["kitten", "sitting", 3],
    ["BTCUSDT", "BTCUSDX", 1],
    ["BTCUSDT", "BTCUSD", 1],
  ])("%s → %s is %i", (a, b, distance) => {
    expect(editDistance(a, b)).toBe(distance);
  });
});

describe("closeMatches", () => {
  const markets = ["BTC/USDT", "BTC/USDT:USDT", "ETH/USDT", "ETH/BTC", "SOL/USDT"].map((symbol) => ({
    label: symbol,
    keys: [symbol, symbol.split(":")[0]!],
  }));

  it("finds typos and prefixes, ignoring case and separators, best first", () => {
    expect(closeMatches("btcusdx", markets)).toEqual(["BTC/USDT", "BTC/USDT:USDT"]);
    expect(closeMatches("ETH", markets)).toEqual(["ETH/BTC", "ETH/USDT"]);
    expect(closeMatches("DOGEUSDT", markets)).toEqual([]);
  });

  it("returns at most `max`", () => {
    expect(closeMatches("USDT", markets, 2)).toHaveLength(0);
    expect(closeMatches("S", markets)).toEqual([]);
    expect(closeMatches("ETHUSD", markets, 1)).toEqual(["ETH/USDT"]);
  });
});
