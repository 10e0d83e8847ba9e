// Seed: multi-symbol-strategies.md, "Pattern: Conditional Symbol Execution".
// BNBUSDT and ADAUSDT have no candles in this repository: their runs fail every tick (reported on
// listenError) until the monitor stops them, which it does at once since only the first three start active.
// The replay plays a minute in about a millisecond, so the seed's once-a-minute check runs every 20 ms here.
import { Live, listenDoneLive, listenSignalLive } from "candlewick";
import { registerSeedComponents, SESSION_START } from "./setup.js";

const clock = registerSeedComponents("selective", new Date(SESSION_START.getTime() + 18 * 60 * 60_000));

// --- seed code, only the import changed (plus the check period) ---
const allSymbols = ["BTCUSDT", "ETHUSDT", "SOLUSDT", "BNBUSDT", "ADAUSDT"];
const activeSymbols = new Set(allSymbols.slice(0, 3)); // Start with first 3

// Track performance per symbol
const symbolStats = new Map(allSymbols.map((s) => [s, { wins: 0, losses: 0 }]));

listenSignalLive((event) => {
  if (event.action === "closed") {
    const symbol = event.signal.symbol;
    const stats = symbolStats.get(symbol)!; // example: `!` for strict TS

    if (event.pnl.pnlPercentage > 0) {
      stats.wins++;
    } else {
      stats.losses++;
    }

    // Disable symbol if win rate < 40%
    const total = stats.wins + stats.losses;
    if (total >= 10) {
      const winRate = stats.wins / total;

      if (winRate < 0.4 && activeSymbols.has(symbol)) {
        console.log(`Disabling ${symbol} due to low win rate: ${winRate}`);
        activeSymbols.delete(symbol);
        // Note: generator will continue until manually stopped
      }
    }
  }
});

// Start all symbols
const cancellations = new Map();

for (const symbol of allSymbols) {
  const cancel = await Live.background(symbol, {
    strategyName: "my-strategy",
    exchangeName: "binance",
  });
  cancellations.set(symbol, cancel);
}

// Monitor and disable underperforming symbols
setInterval(() => {
  for (const [symbol, cancel] of cancellations.entries()) {
    if (!activeSymbols.has(symbol)) {
      cancel(); // Stop this symbol's execution
      cancellations.delete(symbol);
      console.log(`Stopped ${symbol}`);
    }
  }
}, 20).unref(); // example: every 20 ms instead of 60000, and unref() so the process ends with the replay
// --- end of seed code ---

// example: a summary as each run ends (a stopped symbol first closes the position it has open, if any).
listenDoneLive((event) => {
  const stats = symbolStats.get(event.symbol)!;
  console.log(
    `[${event.symbol}] run ended at ${new Date(clock.now()).toISOString()}: ${stats.wins} wins, ${stats.losses} losses` +
      (event.cancelled ? " (stopped)" : " (replay over)"),
  );
});
