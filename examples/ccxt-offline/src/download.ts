// Needs a network connection (not run in CI): download 1m candles from Binance into the cache once, with
// progress; afterwards src/offline-backtest.ts-style backtests read them with `offline: true`.
import { downloadCandles } from "@candlewick/exchange-ccxt";

const summary = await downloadCandles({
  exchange: "binance",
  symbols: ["BTCUSDT", "ETHUSDT", "SOLUSDT"],
  interval: "1m",
  from: new Date(Date.now() - 8 * 86_400_000),
  to: new Date(),
  cacheDir: "./.candles",
  onProgress: ({ symbol, rowsDone, rowsExpected }) =>
    process.stdout.write(`\r${symbol} ${((rowsDone / rowsExpected) * 100).toFixed(1)}%   `),
});
process.stdout.write("\n");
for (const entry of summary.symbols) {
  console.log(
    `${entry.marketSymbol}: ${entry.rows} candles, ${entry.gaps.length} gaps, ${entry.fetchedRows} fetched now`,
  );
}
