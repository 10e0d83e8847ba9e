// The offline flow with exchange-ccxt, runnable with no network: fill the candle cache from CSV files you already
// have (here the real Binance candles shipped in data/candles), then register the ccxt adapter as "binance" in
// offline mode and run the seed's multi-symbol backtest unchanged. With a network, `downloadCandles` fills the
// same cache from the exchange instead (see src/download.ts).
import { rmSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { addExchange, addFrame, addStrategy, Backtest, getCandles, listenError } from "@candlewick/core";
import { momentumSignal } from "@candlewick/example-seed-strategy";
import { createCcxtExchange, importCandlesCsv } from "@candlewick/exchange-ccxt";

const cacheDir = fileURLToPath(new URL("../.candles", import.meta.url));
const dataDir = fileURLToPath(new URL("../../../data/candles/sets/spot-2026-03", import.meta.url));
rmSync(cacheDir, { recursive: true, force: true });

for (const [symbol, unified] of [
  ["BTCUSDT", "BTC/USDT"],
  ["ETHUSDT", "ETH/USDT"],
  ["SOLUSDT", "SOL/USDT"],
] as const) {
  const summary = await importCandlesCsv({
    cacheDir,
    exchange: "binance",
    symbol: unified,
    interval: "1m",
    file: `${dataDir}/${symbol}-1m.csv.gz`,
  });
  console.log(`cached ${summary.rows} ${unified} 1m candles`);
}

listenError((error) => console.error(`error: ${error.message}`));

// One line: the seeds' "binance" is the ccxt adapter, reading only the cache.
addExchange(
  createCcxtExchange({
    exchange: "binance",
    exchangeName: "binance",
    cache: { dir: cacheDir, offline: true },
  }),
);
addFrame({
  frameName: "1d-backtest",
  interval: "1m",
  startDate: new Date("2026-04-01T00:00:00Z"),
  endDate: new Date("2026-04-02T00:00:00Z"),
});
addStrategy({
  strategyName: "my-strategy",
  interval: "5m",
  getSignal: async (symbol) => {
    // Offline, the adapter serves only what is cached (1m here): read 5-minute steps off 1m closes.
    const candles = await getCandles(symbol, "1m", 16);
    if (candles.length < 16) return null;
    return momentumSignal(
      [0, 5, 10, 15].map((index) => candles[index]!.close) as [number, number, number, number],
    );
  },
});

// --- seed code (multi-symbol-strategies.md, "Parallel Backtest Execution"), only the import changed ---
const symbols = ["BTCUSDT", "ETHUSDT", "SOLUSDT"];

const results = await Promise.all(
  symbols.map(async (symbol) => {
    const symbolResults = [];

    for await (const result of Backtest.run(symbol, {
      strategyName: "my-strategy",
      exchangeName: "binance",
      frameName: "1d-backtest",
    })) {
      symbolResults.push({
        symbol,
        pnl: result.pnl.pnlPercentage,
        reason: result.closeReason,
      });
    }

    return { symbol, results: symbolResults };
  }),
);

results.forEach(({ symbol, results: symbolResults }) => {
  const totalPnl = symbolResults.reduce((sum, r) => sum + r.pnl, 0);
  const avgPnl = totalPnl / symbolResults.length;

  console.log(`${symbol}: ${symbolResults.length} signals, avg PNL: ${avgPnl.toFixed(2)}%`);
});
// --- end of seed code ---
