import { fileURLToPath } from "node:url";
import {
  addExchange,
  addFrame,
  addStrategy,
  Backtest,
  backtestKitConfig,
  type CandleInterval,
  createCsvExchange,
  getAveragePrice,
  listenError,
  type SignalDto,
} from "@candlewick/core";
import { describe, expect, it } from "vitest";
import { readCandleCsv } from "../exchanges/read-candle-csv.js";
import { type NaiveOutcome, naiveBacktestKitLoop } from "./__fixtures__/naive-backtest-kit-loop.js";

// backtest-kit's reference trades have market entries only. Here a strategy mixing limit longs and shorts, limits
// the market has already reached and market shorts runs on real candles through the engine under
// `backtestKitConfig` and through a naive loop restating the same rules; every trade and cancellation must agree.

const dataDir = fileURLToPath(new URL("../../../../data/candles", import.meta.url));
addExchange(createCsvExchange({ exchangeName: "bk-limits-csv", dir: dataDir }));

/** A fresh strategy decision function (its own call counter): deterministic from time, price and call number. */
function mixedEntries(): (when: number, price: number) => SignalDto | null {
  let calls = 0;
  return (when, p) => {
    const n = calls++;
    if (n % 7 === 3) {
      const limit = p * 1.001; // already reached: opens at once at the limit
      return {
        position: "long",
        priceOpen: limit,
        priceTakeProfit: limit * 1.007,
        priceStopLoss: limit * 0.994,
        minuteEstimatedTime: 90,
      };
    }
    if (n % 5 === 1) return null;
    if (new Date(when).getUTCHours() % 2 === 0) {
      const limit = p * 0.997;
      return {
        position: "long",
        priceOpen: limit,
        priceTakeProfit: limit * 1.006,
        priceStopLoss: limit * 0.994,
        minuteEstimatedTime: 90,
      };
    }
    if (n % 3 === 0) {
      return {
        position: "short",
        priceTakeProfit: p * 0.993,
        priceStopLoss: p * 1.006,
        minuteEstimatedTime: 120,
      };
    }
    const limit = p * 1.003;
    return {
      position: "short",
      priceOpen: limit,
      priceTakeProfit: limit * 0.994,
      priceStopLoss: limit * 1.006,
      minuteEstimatedTime: 90,
    };
  };
}

const MINUTES: Record<string, number> = { "1m": 1, "5m": 5, "15m": 15, "1h": 60 };

const cases: ReadonlyArray<{
  symbol: string;
  from: string;
  to: string;
  interval: CandleInterval;
  frameInterval: CandleInterval;
}> = [
  {
    symbol: "ETHUSDT",
    from: "2025-06-01T00:00:00Z",
    to: "2025-06-30T23:59:00Z",
    interval: "15m",
    frameInterval: "1m",
  },
  {
    symbol: "BTCUSDT",
    from: "2025-07-01T00:07:00Z",
    to: "2025-07-20T13:37:00Z",
    interval: "15m",
    frameInterval: "5m",
  },
  {
    symbol: "ETHUSDT",
    from: "2025-06-10T03:03:00Z",
    to: "2025-06-12T23:59:00Z",
    interval: "1h",
    frameInterval: "1m",
  },
];

describe("backtestKitConfig with limit entries agrees with a naive loop of the same rules", () => {
  for (const { symbol, from, to, interval, frameInterval } of cases) {
    it(`${symbol} ${from}..${to}, strategy ${interval}, frame ${frameInterval}`, async () => {
      const name = `bk-limits-${symbol}-${from}-${interval}-${frameInterval}`;
      const engineDecide = mixedEntries();
      addStrategy({
        strategyName: name,
        interval,
        async getSignal(sym, when) {
          return engineDecide(when.getTime(), await getAveragePrice(sym));
        },
      });
      addFrame({
        frameName: name,
        interval: frameInterval,
        startDate: new Date(from),
        endDate: new Date(to),
      });
      const errors: Error[] = [];
      const stop = listenError((error) => errors.push(error));
      const ours: NaiveOutcome[] = [];
      try {
        for await (const r of Backtest.run(symbol, {
          strategyName: name,
          exchangeName: "bk-limits-csv",
          frameName: name,
          config: backtestKitConfig,
        })) {
          if (r.action === "closed") {
            ours.push({
              kind: "closed",
              position: r.signal.position,
              priceOpen: r.signal.priceOpen,
              pendingAt: r.signal.pendingAt,
              reason: r.closeReason,
              priceClose: r.pnl.priceClose,
              closeTimestamp: r.closeTimestamp,
            });
          } else {
            ours.push({
              kind: "cancelled",
              position: r.signal.position,
              priceOpen: r.signal.priceOpen,
              reason: r.cancelReason,
              closeTimestamp: r.closeTimestamp,
            });
          }
        }
      } finally {
        stop();
      }
      const candles = await readCandleCsv(`${dataDir}/${symbol}-1m.csv.gz`);
      const expected = naiveBacktestKitLoop(
        candles,
        { start: Date.parse(from), lastTick: Date.parse(to), stepMinutes: MINUTES[frameInterval]! },
        MINUTES[interval]!,
        mixedEntries(),
      );
      expect(errors).toEqual([]);
      // the mix is really exercised: limits cancelled and trades closed in every case
      expect(expected.some((o) => o.kind === "cancelled")).toBe(true);
      expect(expected.filter((o) => o.kind === "closed").length).toBeGreaterThan(10);
      expect(ours.length).toBe(expected.length);
      for (let i = 0; i < expected.length; i++) {
        const want = expected[i]!;
        const got = ours[i]!;
        expect({ ...got, priceOpen: 0, priceClose: 0 }, `outcome #${i}`).toEqual({
          ...want,
          priceOpen: 0,
          priceClose: 0,
        });
        expect(got.priceOpen).toBeCloseTo(want.priceOpen, 6);
        if (got.kind === "closed" && want.kind === "closed")
          expect(got.priceClose).toBeCloseTo(want.priceClose, 6);
      }
    }, 60_000);
  }
});
