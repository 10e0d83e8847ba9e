import { fileURLToPath } from "node:url";
import {
  createCsvExchange,
  createEngine,
  createMemoryPersist,
  createReplay,
  type ExchangeSchema,
  type LiveResult,
  type PersistAdapter,
  type SignalDto,
  type StrategySchema,
} from "@candlewick/core";
import { describe, expect, it } from "vitest";

// On a prefetching replay, an open position with nothing due sleeps over the ticks that would only move its fill
// scan on, and an idle run over the ticks before its strategy's next interval (live/quiet-ticks.ts). The reference is the tick-by-tick replay, which never does (its candles arrive
// tick by tick): both must yield the same results and write the very same states, progress fields included, in
// the same order; and the prefetching one must really have slept less often.
const dataDir = fileURLToPath(new URL("../../../../data/candles/sets/spot-2026-03", import.meta.url));
const START = Date.UTC(2026, 2, 24, 0);
const END = Date.UTC(2026, 2, 25, 6);
const SYMBOLS = ["BTCUSDT", "ETHUSDT"];
/**
 * From 06:00 to 09:00 the candle that closes on each quarter hour is missing, as in an exchange's gap: the 15m
 * strategy is then not asked on the boundary (no fresh price) but on the next tick that has one.
 */
const GAP_FROM = START + 6 * 3_600_000;
const GAP_TO = START + 9 * 3_600_000;
const inGap = (t: number) => t >= GAP_FROM && t < GAP_TO && (t + 60_000) % (15 * 60_000) === 0;

/** The shipped candles with the gaps; served by `getCandles` alone, so every load goes through the filter. */
function gappedSource(): ExchangeSchema {
  const { getCandleColumns: _columns, ...csv } = createCsvExchange({ exchangeName: "csv", dir: dataDir });
  return {
    ...csv,
    async getCandles(symbol, interval, since, limit) {
      const candles = await csv.getCandles(symbol, interval, since, limit);
      return interval === "1m" ? candles.filter((candle) => !inGap(candle.timestamp)) : candles;
    },
  };
}

/** Long above the 30-minute mean, short below; wide enough levels and a long lifetime that positions stay open. */
const meanSide: StrategySchema = {
  strategyName: "mean-side",
  interval: "1m",
  async getSignal(symbol): Promise<SignalDto | null> {
    const { getCandles } = await import("@candlewick/core");
    const candles = await getCandles(symbol, "1m", 30);
    if (candles.length < 30) return null;
    const mean = candles.reduce((sum, candle) => sum + candle.close, 0) / candles.length;
    const price = candles.at(-1)!.close;
    const long = price > mean;
    return {
      position: long ? "long" : "short",
      priceTakeProfit: price * (long ? 1.006 : 0.994),
      priceStopLoss: price * (long ? 0.994 : 1.006),
      minuteEstimatedTime: 150,
    };
  },
};

async function liveRuns(strategy: StrategySchema, prefetch: boolean) {
  const engine = createEngine({ config: { initialCapital: 1e6 } });
  const replay = createReplay({
    source: gappedSource(),
    exchangeName: "replay",
    startDate: new Date(START),
    endDate: new Date(END),
    prefetch,
  });
  let sleeps = 0;
  const sleepUntil = replay.clock.sleepUntil.bind(replay.clock);
  // Same object, so it stays the replay's clock (a prefetching replay serves history to that clock only).
  (replay.clock as { sleepUntil: typeof sleepUntil }).sleepUntil = (timestamp, abort) => {
    sleeps++;
    return sleepUntil(timestamp, abort);
  };
  engine.addExchange(replay.exchange);
  engine.addStrategy(strategy);
  const memory = createMemoryPersist();
  const writes: string[] = [];
  const persist: PersistAdapter = {
    ...memory,
    write(key, value) {
      writes.push(`${key.symbol} ${JSON.stringify(value)}`);
      return memory.write(key, value);
    },
  };
  const errors: Error[] = [];
  engine.listenError((error) => errors.push(error));
  const results = new Map<string, LiveResult[]>();
  await Promise.all(
    SYMBOLS.map(async (symbol) => {
      const own: LiveResult[] = [];
      results.set(symbol, own);
      for await (const result of engine.Live.run(symbol, {
        strategyName: strategy.strategyName,
        exchangeName: "replay",
        persist,
        // A wrapper is not the memory adapter itself: the mode is given.
        progressWrites: "checkpoint",
      })) {
        own.push(result);
      }
    }),
  );
  await engine.dispose();
  // Per symbol: the runs' writes interleave in an order that is the replay's, not the runs'.
  const bySymbol = SYMBOLS.map((symbol) => writes.filter((write) => write.startsWith(`${symbol} `)));
  return { results: SYMBOLS.map((symbol) => results.get(symbol)!), bySymbol, sleeps, errors };
}

describe("quiet ticks on a prefetching replay", () => {
  // 15m: ticks still every minute, the strategy asked every 15 (its interval last asked in is written).
  for (const strategy of [
    meanSide,
    { ...meanSide, strategyName: "mean-side-15m", interval: "15m" as const },
  ]) {
    it(`${strategy.strategyName}: yields and writes exactly what ticking every minute does, with far fewer sleeps`, async () => {
      const everyMinute = await liveRuns(strategy, false);
      const quiet = await liveRuns(strategy, true);
      expect(everyMinute.errors).toEqual([]);
      expect(quiet.errors).toEqual([]);
      const closed = everyMinute.results.flat().filter((result) => result.action === "closed");
      // A real comparison: trades on both symbols, closed by their levels and by their lifetime.
      expect(closed.length).toBeGreaterThanOrEqual(10);
      const reasons = new Set(closed.map((result) => (result.action === "closed" ? result.closeReason : "")));
      expect(reasons).toContain("time_expired");
      expect(reasons.has("take_profit") || reasons.has("stop_loss")).toBe(true);
      expect(JSON.stringify(quiet.results)).toBe(JSON.stringify(everyMinute.results));
      expect(quiet.bySymbol).toEqual(everyMinute.bySymbol);
      // Every minute: a sleep per tick and run (30 h, two runs). Quiet: most open-position ticks slept over.
      const ticks = (END - START) / 60_000;
      expect(everyMinute.sleeps).toBeGreaterThanOrEqual(2 * ticks);
      expect(quiet.sleeps).toBeLessThan(everyMinute.sleeps * (strategy.interval === "1m" ? 0.8 : 0.3));
      console.log(
        `[quiet ticks] ${strategy.strategyName}: ${closed.length} trades, ${everyMinute.sleeps} sleeps every minute, ${quiet.sleeps} quiet`,
      );
    }, 60_000);
  }
});
