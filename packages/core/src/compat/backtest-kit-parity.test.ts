import { fileURLToPath } from "node:url";
import {
  addExchange,
  addFrame,
  addStrategy,
  Backtest,
  type CandlewickConfig,
  type ClosedResult,
  createCsvExchange,
  getAveragePrice,
  getCandles,
  listenError,
  type SignalDto,
} from "@candlewick/core";
import { afterAll, describe, expect, it } from "vitest";
import { compareTrades, type PeerTrade, readPeerTrades, toPeerShape } from "./__fixtures__/peer-trades.js";
import { backtestKitConfig } from "./backtest-kit-config.js";

// Reproduces backtest-kit 19.5.0's own trades (./__fixtures__, produced as its README records) by running the same
// two strategies on the same candles under `backtestKitConfig`. The strategies are written here from that
// description; the only config beyond the preset is the reference run's 0.45% minimum TP/SL distance.
// `npx vitest run src/compat/backtest-kit-parity.test.ts` (in packages/core) prints the figures.

const candleFile = fileURLToPath(new URL("../../../../data/candles/BTCUSDT-1m.csv.gz", import.meta.url));
addExchange(createCsvExchange({ exchangeName: "bk-parity-csv", files: { BTCUSDT: { "1m": candleFile } } }));

const referenceRun: Partial<CandlewickConfig> = {
  ...backtestKitConfig,
  minTakeProfitDistancePercent: 0.45,
  minStopLossDistancePercent: 0.45,
};

const mean = (values: readonly number[], from: number, to: number): number => {
  let sum = 0;
  for (let i = from; i < to; i++) sum += values[i]!;
  return sum / (to - from);
};

addStrategy({
  strategyName: "bk-parity-sma-cross",
  interval: "1m",
  async getSignal(symbol): Promise<SignalDto | null> {
    const closes = (await getCandles(symbol, "1m", 51)).map((candle) => candle.close);
    if (closes.length < 51) return null;
    const fast = mean(closes, 31, 51);
    const slow = mean(closes, 1, 51);
    const fastPrev = mean(closes, 30, 50);
    const slowPrev = mean(closes, 0, 50);
    const price = await getAveragePrice(symbol);
    if (fastPrev <= slowPrev && fast > slow) {
      return {
        position: "long",
        priceTakeProfit: price * 1.01,
        priceStopLoss: price * 0.99,
        minuteEstimatedTime: 240,
      };
    }
    if (fastPrev >= slowPrev && fast < slow) {
      return {
        position: "short",
        priceTakeProfit: price * 0.99,
        priceStopLoss: price * 1.01,
        minuteEstimatedTime: 240,
      };
    }
    return null;
  },
});

addStrategy({
  strategyName: "bk-parity-every-n",
  interval: "1m",
  async getSignal(symbol): Promise<SignalDto> {
    const price = await getAveragePrice(symbol);
    return {
      position: "long",
      priceTakeProfit: price * 1.005,
      priceStopLoss: price * 0.995,
      minuteEstimatedTime: 60,
    };
  },
});

addFrame({
  frameName: "bk-parity-june",
  interval: "1m",
  startDate: new Date("2025-06-01T00:00:00Z"),
  endDate: new Date("2025-06-30T23:59:00Z"),
});
addFrame({
  frameName: "bk-parity-june-week",
  interval: "1m",
  startDate: new Date("2025-06-01T00:00:00Z"),
  endDate: new Date("2025-06-07T23:59:00Z"),
});

const errors: Error[] = [];
const stopListening = listenError((error) => errors.push(error));
afterAll(stopListening);

async function runTrades(strategyName: string, frameName: string, config: Partial<CandlewickConfig>) {
  const trades: PeerTrade[] = [];
  for await (const result of Backtest.run("BTCUSDT", {
    strategyName,
    exchangeName: "bk-parity-csv",
    frameName,
    config,
  })) {
    if (result.action === "closed") trades.push(toPeerShape(result as ClosedResult));
  }
  return trades;
}

const cases = [
  { strategy: "sma-cross", file: "./sma-cross-BTCUSDT-2025-06.jsonl", frame: "bk-parity-june" },
  { strategy: "every-n", file: "./every-n-BTCUSDT-2025-06-01..07.jsonl", frame: "bk-parity-june-week" },
] as const;

describe("backtestKitConfig reproduces backtest-kit 19.5.0's trades on BTCUSDT 1m", () => {
  for (const { strategy, file, frame } of cases) {
    it(`${strategy}: same trade count and ≥ 99% of trades identical`, async () => {
      const peer = readPeerTrades(file);
      expect(peer.trades.length).toBe(peer.summaryTrades);
      const ours = await runTrades(`bk-parity-${strategy}`, frame, referenceRun);
      const { identical, report } = compareTrades(ours, peer.trades);
      console.log(
        `backtest-kit parity, ${strategy}: ${identical}/${peer.trades.length} trades identical ` +
          `(${((identical / peer.trades.length) * 100).toFixed(2)}%), ours ${ours.length}` +
          (report.length === 0 ? "" : `\n  ${report.slice(0, 20).join("\n  ")}`),
      );
      expect(errors).toEqual([]);
      expect(ours.length).toBe(peer.trades.length);
      expect(identical / peer.trades.length).toBeGreaterThanOrEqual(0.99);
    }, 60_000);
  }

  it("the comparison has teeth: the plain vwap model (the old advice) does not reproduce them", async () => {
    const peer = readPeerTrades("./every-n-BTCUSDT-2025-06-01..07.jsonl");
    const ours = await runTrades("bk-parity-every-n", "bk-parity-june-week", {
      fillModel: "vwap",
      minTakeProfitDistancePercent: 0.45,
      minStopLossDistancePercent: 0.45,
    });
    const { identical } = compareTrades(ours, peer.trades);
    expect(identical / peer.trades.length).toBeLessThan(0.5);
  }, 60_000);
});
