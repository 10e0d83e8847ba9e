import { Live, type LiveResult, type SignalDto } from "@candlewick/core";
import { describe, expect, it } from "vitest";
import { at, registerLiveMarket, takeProfitMarket } from "../live/live.test-helpers.js";

// A long opened at 10:01 that reaches its take-profit at 10:05 (closed on the 10:06 tick), as in the live tests.
const longAtOne = (_symbol: string, when: Date): SignalDto | null =>
  when.getTime() === at(1)
    ? { position: "long", priceTakeProfit: 101, priceStopLoss: 99, minuteEstimatedTime: 60 }
    : null;

async function runUntilOpened(symbol: string, options: Parameters<typeof Live.run>[1]): Promise<void> {
  for await (const result of Live.run(symbol, options)) {
    if (result.action === "opened") break;
  }
}

async function runToEnd(symbol: string, options: Parameters<typeof Live.run>[1]): Promise<LiveResult[]> {
  const results: LiveResult[] = [];
  for await (const result of Live.run(symbol, options)) results.push(result);
  return results;
}

describe("Live state keys", () => {
  it("a run on the literal symbol BTC_2FUSDT does not resume BTC/USDT's open position", async () => {
    const market = registerLiveMarket({
      label: "key-collision",
      candles: { "BTC/USDT": takeProfitMarket(), BTC_2FUSDT: takeProfitMarket() },
      start: at(0),
      end: at(20),
      getSignal: (symbol, when) => (symbol === "BTC/USDT" ? longAtOne(symbol, when) : null),
    });
    const options = { ...market, clock: market.replay.clock };
    await runUntilOpened("BTC/USDT", options);
    // BTC_2FUSDT never opened anything: it must have nothing to close.
    expect(await runToEnd("BTC_2FUSDT", options)).toEqual([]);
  });

  it("resumes state an earlier version stored under the old key of a name with `_`, then moves it", async () => {
    const market = registerLiveMarket({
      label: "legacy_key",
      candles: { TEST: takeProfitMarket() },
      start: at(0),
      end: at(20),
      getSignal: longAtOne,
    });
    const options = { ...market, clock: market.replay.clock };
    await runUntilOpened("TEST", options);
    // What the earlier encoding would have written: the same state under the part with a bare `_`.
    const current = {
      namespace: "signals",
      strategyName: market.strategyName.replace("_", "_5F"),
      symbol: "TEST",
    };
    const legacy = { ...current, strategyName: market.strategyName };
    expect(market.strategyName).toContain("legacy_key");
    const state = await market.persist.read(current);
    expect(state).not.toBeNull();
    await market.persist.write(legacy, state!);
    await market.persist.delete(current);

    const resumed = await runToEnd("TEST", options);
    expect(resumed.map((result) => [result.action, result.timestamp])).toContainEqual(["closed", at(6)]);
    expect(await market.persist.has(legacy)).toBe(false);
    expect(await market.persist.read(current)).toMatchObject({ runner: { phase: expect.any(String) } });
  });
});
