// A portfolio backtest: every strategy on every symbol on one clock, sharing one account and one risk limit.
// Run with `pnpm --filter @candlewick/example-portfolio start` (or `pnpm run examples`).
import { mkdirSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { renderPortfolioHtml } from "@candlewick/reporter-html";
import {
  addExchange,
  addFrame,
  addRisk,
  addStrategy,
  createCsvExchange,
  getCandles,
  listenError,
  Portfolio,
  setConfig,
} from "candlewick";

// Real Binance spot 1m candles shipped with the repo (see data/candles/README.md).
const dataDir = fileURLToPath(new URL("../../../data/candles/sets/spot-2026-03", import.meta.url));
addExchange(createCsvExchange({ exchangeName: "binance-files", dir: dataDir }));
addFrame({
  frameName: "april-2026",
  interval: "1m",
  startDate: new Date("2026-04-01T00:00:00Z"),
  endDate: new Date("2026-04-15T00:00:00Z"),
});

// One account: 10 000 USDT, each entry risks 0.2% of equity between its entry and its stop.
setConfig({ initialCapital: 10_000, sizing: { kind: "risk", fraction: 0.002 } });
// Shared by both strategies: at most 4 positions at once and 6 000 USDT invested.
addRisk({ riskName: "book", maxConcurrentPositions: 4, maxExposure: 6_000 });

addStrategy({
  strategyName: "breakout",
  interval: "15m",
  riskName: "book",
  async getSignal(symbol) {
    const candles = await getCandles(symbol, "1m", 61);
    if (candles.length < 61) return null;
    const price = candles.at(-1)!.close;
    if (price <= Math.max(...candles.slice(0, -1).map((candle) => candle.high))) return null;
    return {
      position: "long",
      priceTakeProfit: price * 1.01,
      priceStopLoss: price * 0.993,
      minuteEstimatedTime: 240,
    };
  },
});

addStrategy({
  strategyName: "dip-ladder",
  interval: "15m",
  riskName: "book",
  async getSignal(symbol) {
    const candles = await getCandles(symbol, "1m", 31);
    if (candles.length < 31) return null;
    const price = candles.at(-1)!.close;
    if (price >= Math.min(...candles.slice(0, -1).map((candle) => candle.low))) return null;
    return {
      position: "long",
      priceTakeProfit: price * 1.015,
      priceStopLoss: price * 0.99,
      minuteEstimatedTime: 360,
      takeProfitLadder: [{ distancePercent: 0.5, fraction: 0.5 }],
      trailingStop: { distancePercent: 0.5, activationPercent: 0.4 },
    };
  },
});

listenError((error) => console.error(`error: ${error.message}`));

let trades = 0;
for await (const result of Portfolio.run({
  symbols: ["BTCUSDT", "ETHUSDT", "SOLUSDT"],
  strategies: ["breakout", "dip-ladder"],
  exchangeName: "binance-files",
  frameName: "april-2026",
})) {
  if (result.action === "closed") trades++;
}

const data = Portfolio.getData();
const { statistics: stats, ledger } = data;
const usdt = (value: number) => `${value.toFixed(2)} USDT`;
console.log(
  `${trades} trades on ${data.symbols.length} symbols; ${data.rejectedEntries} entries refused by the shared risk or the cash`,
);
console.log(
  `equity ${usdt(stats.initialCapital)} -> ${usdt(stats.finalEquity)} (${stats.totalReturnPercent.toFixed(2)}%)`,
);
console.log(
  `max drawdown ${stats.maxDrawdownPercent.toFixed(2)}%, Sharpe ${stats.sharpeRatio?.toFixed(2) ?? "n/a"}, max open ${stats.maxOpenPositions}`,
);
for (const row of data.breakdown.bySymbol) {
  console.log(`  ${row.key.padEnd(8)} ${String(row.trades).padStart(3)} trades  net ${usdt(row.netPnl)}`);
}
console.log(Portfolio.getReport().split("\n").slice(0, 12).join("\n"));

// The same run as a self-contained HTML page (equity, drawdown, exposure, contributions, trades); gitignored.
const reports = fileURLToPath(new URL("../reports/", import.meta.url));
mkdirSync(reports, { recursive: true });
writeFileSync(`${reports}portfolio.html`, renderPortfolioHtml(data));
console.log(`wrote ${reports}portfolio.html`);

// The example is a CI check: the account must balance to the cent and the shared limit must have held.
const expected = ledger.initialCapital + ledger.realizedGross - ledger.fees;
if (trades === 0 || Math.abs(stats.finalEquity - expected) >= 0.005) {
  throw new Error(`the account does not balance: ${stats.finalEquity} vs ${expected}`);
}
if (stats.maxOpenPositions > 4 || stats.maxExposure > 6_000) {
  throw new Error(
    `the shared limit was exceeded: ${stats.maxOpenPositions} open, ${stats.maxExposure} invested`,
  );
}
