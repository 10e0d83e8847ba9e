import { fileURLToPath } from "node:url";
import {
  addExchange,
  addFrame,
  addStrategy,
  Backtest,
  createCsvExchange,
  getCandles,
  listenError,
} from "@candlewick/core";

// Real Binance spot 1m candles shipped with the repo (see data/candles/README.md).
const dataDir = fileURLToPath(new URL("../../../data/candles/sets/spot-2026-03", import.meta.url));

addExchange(createCsvExchange({ exchangeName: "binance-files", dir: dataDir }));

addFrame({
  frameName: "march-april-2026",
  interval: "1m",
  startDate: new Date("2026-03-24T00:00:00Z"),
  endDate: new Date("2026-04-22T00:00:00Z"),
});

const average = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;

addStrategy({
  strategyName: "sma-cross",
  interval: "15m",
  async getSignal(symbol) {
    // The last 50 closed 15m candles as of the current (virtual) time: no look-ahead possible.
    const candles = await getCandles(symbol, "15m", 50);
    if (candles.length < 50) return null;
    const closes = candles.map((candle) => candle.close);
    const fast = average(closes.slice(-10));
    const slow = average(closes);
    const fastBefore = average(closes.slice(-11, -1));
    const price = closes[closes.length - 1]!;
    if (fastBefore <= slow && fast > slow) {
      return {
        position: "long",
        priceTakeProfit: price * 1.015,
        priceStopLoss: price * 0.99,
        minuteEstimatedTime: 720,
      };
    }
    if (fastBefore >= slow && fast < slow) {
      return {
        position: "short",
        priceTakeProfit: price * 0.985,
        priceStopLoss: price * 1.01,
        minuteEstimatedTime: 720,
      };
    }
    return null;
  },
});

listenError((error) => console.error(`error: ${error.message}`));

const iso = (timestamp: number) => new Date(timestamp).toISOString().slice(0, 16).replace("T", " ");
const pct = (value: number | null) =>
  value === null ? "n/a" : `${value >= 0 ? "+" : ""}${value.toFixed(2)}%`;
const rate = (value: number | null) => (value === null ? "n/a" : `${value.toFixed(2)}%`);
const num = (value: number | null) => (value === null ? "n/a" : value.toFixed(3));

console.log("Backtest: sma-cross on BTCUSDT, Binance spot 1m candles, 2026-03-24 → 2026-04-22 (UTC)\n");
console.log("opened (UTC)       closed (UTC)       side   entry      exit       reason        PnL");
for await (const result of Backtest.run("BTCUSDT", {
  strategyName: "sma-cross",
  exchangeName: "binance-files",
  frameName: "march-april-2026",
})) {
  const { signal, pnl } = result;
  const reason = result.action === "cancelled" ? `cancel:${result.cancelReason}` : result.closeReason;
  console.log(
    `${iso(signal.pendingAt || signal.scheduledAt)}   ${iso(result.closeTimestamp)}   ${signal.position.padEnd(5)}  ${pnl.priceOpen.toFixed(2).padStart(9)}  ${pnl.priceClose.toFixed(2).padStart(9)}  ${reason.padEnd(12)}  ${pct(pnl.pnlPercentage).padStart(7)}`,
  );
}

const stats = Backtest.getData("sma-cross");
console.log(`
Trades            ${stats.tradeCount} (${stats.winCount} won, ${stats.lossCount} lost)
Win rate          ${rate(stats.winRate)}
Total PnL         ${pct(stats.totalPnl)} (sum of trades), compounded ${pct(stats.compoundedReturn)}
Average trade     ${pct(stats.avgPnl)}
Max drawdown      ${rate(stats.maxDrawdown)}
Sharpe per trade  ${num(stats.sharpeRatio)}, annualised (daily) ${num(stats.annualizedSharpeRatio)}
Profit factor     ${num(stats.profitFactor)}
Fees and slippage 0.1% + 0.1% per side are included in every PnL.`);
