import {
  addExchange,
  addFrame,
  addStrategy,
  Backtest,
  type BacktestResult,
  getCandles,
  listenError,
} from "@candlewick/core";
import ccxt from "ccxt";
import { describe, expect, it } from "vitest";
import { createCcxtExchange, downloadCandles } from "./index.js";
import { binanceSetup, JUN2, MAY31 } from "./test-support/binance-setup.js";
import { createFakeBinance } from "./test-support/fake-binance.js";
import { useTempDirs } from "./test-support/temp-dir.js";

const tempDir = useTempDirs();
const average = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;

/** What must match between two runs: everything but the exchange's name and the ids derived from it. */
function tradesOf(results: readonly BacktestResult[]) {
  return results.map(({ exchangeName: _exchangeName, signal, ...rest }) => {
    const { exchangeName: _signalExchange, id: _id, ...signalRest } = signal;
    return { ...rest, signal: signalRest };
  });
}

describe("a backtest over the offline cache", () => {
  it("makes exactly the trades it makes straight from the adapter, with the network cut", async () => {
    const cacheDir = await tempDir();
    await downloadCandles({
      exchange: binanceSetup().exchange,
      symbols: ["BTCUSDT"],
      interval: "1m",
      from: new Date(MAY31),
      to: new Date(JUN2),
      cacheDir,
      now: () => JUN2,
    });

    addExchange({ ...binanceSetup().adapter, exchangeName: "ccxt-direct" });
    const cut = createFakeBinance({});
    cut.disable();
    addExchange(
      createCcxtExchange({
        exchangeName: "ccxt-cache",
        exchange: cut.attach(new ccxt.binance()),
        cache: { dir: cacheDir, offline: true },
      }),
    );
    addFrame({
      frameName: "may31-jun1",
      interval: "1m",
      startDate: new Date(MAY31 + 2 * 3_600_000),
      endDate: new Date(JUN2 - 6 * 3_600_000),
    });
    addStrategy({
      strategyName: "sma-cross-1m",
      interval: "5m",
      async getSignal(symbol) {
        const closes = (await getCandles(symbol, "1m", 60)).map((candle) => candle.close);
        if (closes.length < 60) return null;
        const fast = average(closes.slice(-10));
        const fastBefore = average(closes.slice(-11, -1));
        const slow = average(closes);
        const price = closes.at(-1)!;
        if (fastBefore <= slow && fast > slow) {
          return {
            position: "long",
            priceTakeProfit: price * 1.008,
            priceStopLoss: price * 0.994,
            minuteEstimatedTime: 120,
          };
        }
        if (fastBefore >= slow && fast < slow) {
          return {
            position: "short",
            priceTakeProfit: price * 0.992,
            priceStopLoss: price * 1.006,
            minuteEstimatedTime: 120,
          };
        }
        return null;
      },
    });

    const errors: string[] = [];
    listenError((error) => errors.push(error.message));
    const run = async (exchangeName: string) => {
      const results: BacktestResult[] = [];
      for await (const result of Backtest.run("BTCUSDT", {
        strategyName: "sma-cross-1m",
        exchangeName,
        frameName: "may31-jun1",
      })) {
        results.push(result);
      }
      return results;
    };
    const direct = await run("ccxt-direct");
    const cached = await run("ccxt-cache");

    expect(errors).toEqual([]);
    expect(direct.length).toBeGreaterThan(5);
    expect(tradesOf(cached)).toEqual(tradesOf(direct));
    expect(cut.requests).toHaveLength(0);
  });
});
