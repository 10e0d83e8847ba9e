import { type ExchangeSchema, getCandles, Live, type LiveResult, type SignalDto } from "@candlewick/core";
import { describe, expect, it } from "vitest";
import { at } from "../testing/memory-exchange.js";
import { registerLiveMarket, zigzag } from "./live.test-helpers.js";

// A prefetching replay loads each run's candles from the source in large pages ahead of the virtual clock. It
// must trade exactly as the replay that asks tick by tick, and no strategy may see a candle that has not closed.

const SYMBOLS = ["A", "B", "C"];
const MINUTES = 6 * 60;

/** Counts the source's getCandles calls per symbol. */
function counting(calls: Map<string, number>): (source: ExchangeSchema) => ExchangeSchema {
  return (source) => ({
    ...source,
    getCandles(symbol, interval, since, limit) {
      calls.set(symbol, (calls.get(symbol) ?? 0) + 1);
      return source.getCandles(symbol, interval, since, limit);
    },
  });
}

async function trade(prefetch: boolean) {
  const calls = new Map<string, number>();
  // Look-ahead check: at `when`, the newest candle a strategy sees opened at when − 1m.
  const peeks: string[] = [];
  const market = registerLiveMarket({
    label: prefetch ? "prefetch" : "tick-by-tick",
    candles: Object.fromEntries(SYMBOLS.map((symbol, i) => [symbol, zigzag(i, MINUTES + 120)])),
    start: at(0),
    end: at(MINUTES),
    prefetch,
    wrapSource: counting(calls),
    async getSignal(symbol, when): Promise<SignalDto | null> {
      const t = when.getTime();
      const minutes = await getCandles(symbol, "1m", 30);
      if (minutes.at(-1)?.timestamp !== t - 60_000) {
        peeks.push(`${symbol}@${when.toISOString()}: newest ${minutes.at(-1)?.timestamp}`);
      }
      const price = minutes.at(-1)!.close;
      return {
        position: "long",
        priceTakeProfit: price * 1.01,
        priceStopLoss: price * 0.99,
        minuteEstimatedTime: 30,
      };
    },
  });
  const results = new Map<string, LiveResult[]>();
  await Promise.all(
    SYMBOLS.map(async (symbol) => {
      const own: LiveResult[] = [];
      results.set(symbol, own);
      for await (const result of Live.run(symbol, { ...market, persist: market.persist })) own.push(result);
    }),
  );
  // Without what names the run: its exchange and strategy, and the signal id (which hashes them).
  const comparable = SYMBOLS.flatMap((symbol) =>
    results
      .get(symbol)!
      .map(
        ({
          exchangeName: _e,
          strategyName: _s,
          signal: { id: _id, exchangeName: _se, strategyName: _ss, ...row },
          ...rest
        }) => ({ ...rest, signal: row }),
      ),
  );
  return { comparable, calls, peeks };
}

describe("createReplay({ prefetch: true })", () => {
  it("trades as the tick-by-tick replay, sees no candle before it closed, and asks the source a few times", async () => {
    const byTick = await trade(false);
    const ahead = await trade(true);
    expect(byTick.peeks).toEqual([]);
    expect(ahead.peeks).toEqual([]);
    // A real comparison: many trades on every symbol.
    expect(byTick.comparable.filter((result) => result.action === "closed").length).toBeGreaterThan(30);
    expect(ahead.comparable).toEqual(byTick.comparable);
    for (const symbol of SYMBOLS) {
      // Tick by tick: a request every tick. Ahead: one page from the warm-up to the end.
      expect(byTick.calls.get(symbol)).toBeGreaterThanOrEqual(MINUTES);
      expect(ahead.calls.get(symbol)).toBeLessThanOrEqual(2);
    }
  }, 60_000);
});
