import { describe, expect, it } from "vitest";
import { longestFirst, StrategyCosts } from "./strategy-costs.js";

describe("longestFirst", () => {
  it("keeps list order when nothing is known", () => {
    expect(longestFirst([undefined, undefined, undefined])).toEqual([0, 1, 2]);
  });

  it("orders by cost, longest first, equal costs in list order", () => {
    // costs 100, 300, 100, 200 -> 300 (1), 200 (3), then the two 100s in list order (0, 2)
    expect(longestFirst([100, 300, 100, 200])).toEqual([1, 3, 0, 2]);
  });

  it("puts strategies without a cost first, in list order", () => {
    expect(longestFirst([50, undefined, 400, undefined])).toEqual([1, 3, 2, 0]);
  });
});

describe("StrategyCosts", () => {
  it("orders a walker's strategies by their last recorded cost, per walker and symbol", () => {
    const costs = new StrategyCosts();
    costs.record("w", "BTCUSDT", "a", 10);
    costs.record("w", "BTCUSDT", "b", 30);
    costs.record("w", "BTCUSDT", "c", 20);
    costs.record("w", "BTCUSDT", "a", 40); // the newer time replaces the older
    costs.record("w", "ETHUSDT", "c", 99); // another symbol: not this run's cost
    expect(costs.order("w", "BTCUSDT", ["a", "b", "c"])).toEqual([0, 1, 2]);
    expect(costs.order("w", "ETHUSDT", ["a", "b", "c"])).toEqual([0, 1, 2]);
    costs.record("w", "BTCUSDT", "a", 5);
    expect(costs.order("w", "BTCUSDT", ["a", "b", "c"])).toEqual([1, 2, 0]);
    expect(costs.order("other", "BTCUSDT", ["a", "b", "c"])).toEqual([0, 1, 2]);
  });
});
