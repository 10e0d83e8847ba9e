// Seed: multi-symbol-strategies.md, "Parallel Backtest Execution".
import { Backtest } from "candlewick";
import { registerSeedComponents } from "./setup.js";

registerSeedComponents();

// --- seed code, only the import changed ---
const symbols = ["BTCUSDT", "ETHUSDT", "SOLUSDT"];

// Backtest all symbols in parallel
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

// Aggregate results
results.forEach(({ symbol, results: symbolResults }) => {
  const totalPnl = symbolResults.reduce((sum, r) => sum + r.pnl, 0);
  const avgPnl = totalPnl / symbolResults.length;

  console.log(`${symbol}: ${symbolResults.length} signals, avg PNL: ${avgPnl.toFixed(2)}%`);
});

// Generate combined report
await Backtest.dump("my-strategy");
// --- end of seed code ---

console.log("report written to ./dump/backtest/my-strategy.md");
const stats = Backtest.getData("my-strategy");
console.log(
  `all symbols: ${stats.tradeCount} trades over ${stats.symbols.join(", ")}, total ${stats.totalPnl === null ? "n/a" : `${stats.totalPnl.toFixed(2)}%`}`,
);
