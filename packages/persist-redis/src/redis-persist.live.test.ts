import {
  addExchange,
  addStrategy,
  type Candle,
  createMemoryPersist,
  createReplay,
  getCandles,
  Live,
  type LiveResult,
  type LiveState,
  liveStateKey,
  type PersistAdapter,
} from "@candlewick/core";
import { MINUTE_MS } from "@candlewick/core/internal";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRedisPersist } from "./redis-persist.js";
import { redisServerMissing } from "./test-support/redis-server-missing.js";
import { type RedisServer, startRedisServer } from "./test-support/start-redis-server.js";

const MINUTE = MINUTE_MS;
const T0 = Date.UTC(2024, 0, 1, 10, 0);
const SYMBOL = "BTCUSDT";
const STRATEGY = "redis-blip-always-long";
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
let server: RedisServer;

/**
 * A day of warm-up flat at 100, then four hours where every candle reaches 102: a long opened at a close of
 * 100 takes its 1% profit on the next candle, and the strategy opens again at once. Every tick changes the
 * state, so the run writes to Redis flat out.
 */
const candles: Candle[] = Array.from({ length: 24 * 60 + 4 * 60 + 10 }, (_, index) => {
  const timestamp = T0 - 24 * 60 * MINUTE + index * MINUTE;
  return { timestamp, open: 100, high: timestamp >= T0 ? 102 : 100, low: 100, close: 100, volume: 1 };
});

beforeAll(async () => {
  if (redisServerMissing) return;
  server = await startRedisServer({ durable: true });
  addStrategy({
    strategyName: STRATEGY,
    interval: "1m",
    getSignal: async (symbol) => {
      const [last] = await getCandles(symbol, "1m", 1);
      const price = last!.close;
      return {
        position: "long",
        priceTakeProfit: price * 1.01,
        priceStopLoss: price * 0.99,
        minuteEstimatedTime: 60,
      };
    },
  });
});
afterAll(async () => {
  await server?.dispose();
});

/** One live replay of the four hours on `persist`, under an exchange name of its own. */
async function replayLive(
  exchangeName: string,
  persist: PersistAdapter,
  onResult?: (count: number) => void,
): Promise<LiveResult[]> {
  const replay = createReplay({
    source: {
      exchangeName: `${exchangeName}-source`,
      async getCandles(symbol, interval, since, limit) {
        if (symbol !== SYMBOL || interval !== "1m") return [];
        return candles.filter((candle) => candle.timestamp >= since.getTime()).slice(0, limit);
      },
    },
    exchangeName,
    startDate: new Date(T0),
    endDate: new Date(T0 + 4 * 60 * MINUTE),
  });
  addExchange(replay.exchange);
  const results: LiveResult[] = [];
  for await (const result of Live.run(SYMBOL, { strategyName: STRATEGY, exchangeName, persist })) {
    results.push(result);
    onResult?.(results.length);
  }
  return results;
}

/** What a result says about the trade, without the names that differ between the two runs. */
const trade = (result: LiveResult) => ({
  action: result.action,
  timestamp: result.timestamp,
  priceOpen: result.signal.priceOpen,
  ...(result.action === "closed" ? { closeReason: result.closeReason, pnl: result.pnl.pnlPercentage } : {}),
});

describe.skipIf(redisServerMissing)("a live run on createRedisPersist", () => {
  it("survives a 500 ms Redis outage mid-run with the same trades as a run that had none, 3 times out of 3", {
    timeout: 120_000,
  }, async () => {
    // The reference: the same replay on the in-memory store, no outage.
    const reference = await replayLive("redis-blip-reference", createMemoryPersist());
    expect(reference.length).toBeGreaterThan(400);

    for (let trial = 1; trial <= 3; trial += 1) {
      const persist = createRedisPersist({ url: server.url, keyPrefix: `live-blip:t${trial}` });
      let outage: Promise<void> | undefined;
      let outageOverAt: number | undefined;
      const results = await replayLive(`redis-blip-${trial}`, persist, (count) => {
        if (count !== 40) return;
        // From a timer, so the outage begins while the run's next writes are in flight.
        outage = sleep(2)
          .then(() => server.stop("SIGKILL"))
          .then(() => sleep(500))
          .then(() => server.restart())
          .then(() => {
            outageOverAt = Date.now();
          });
      });
      const finishedAt = Date.now();
      await outage;
      // The run outlived the outage: it went on writing after Redis came back, and ended normally.
      expect(outageOverAt, `trial ${trial}`).toBeLessThan(finishedAt);
      expect(results.map(trade), `trial ${trial}`).toEqual(reference.map(trade));
      const stored = (await persist.read(
        liveStateKey({ strategyName: STRATEGY, symbol: SYMBOL }),
      )) as LiveState | null;
      expect(stored?.runner.phase).toBe("opened");
      expect(stored?.outbox).toEqual([]);
      await persist.close?.();
    }
  });
});
