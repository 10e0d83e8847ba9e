// Seed: multi-symbol-strategies.md, "Pattern: Shared State Coordination".
import { Live, listenDoneLive, listenSignalLive } from "candlewick";
import { registerSeedComponents } from "./setup.js";

registerSeedComponents("shared-state");

// --- seed code, only the import changed ---
// Shared state for cross-symbol coordination
const portfolio = {
  totalPnL: 0,
  activeSignals: new Set<string>(),
  maxConcurrentSignals: 3,
};

// Listen to all signals and update shared state
listenSignalLive((event) => {
  // biome-ignore lint/correctness/noUnusedVariables: seed code, kept as written (see tsconfig.json)
  const symbol = event.signal?.symbol;

  if (event.action === "opened") {
    portfolio.activeSignals.add(event.signal.id);
    console.log(`Active signals: ${portfolio.activeSignals.size}`);
  }

  if (event.action === "closed") {
    portfolio.activeSignals.delete(event.signal.id);
    portfolio.totalPnL += event.pnl.pnlPercentage;

    console.log(`Portfolio PnL: ${portfolio.totalPnL.toFixed(2)}%`);

    // Risk management: stop all if portfolio loss > 10%
    if (portfolio.totalPnL < -10) {
      console.error("Portfolio loss limit exceeded, stopping all symbols");
      process.exit(1);
    }
  }
});

// Run all symbols
const symbols = ["BTCUSDT", "ETHUSDT", "SOLUSDT"];
await Promise.all(
  symbols.map((symbol) =>
    Live.background(symbol, {
      strategyName: "my-strategy",
      exchangeName: "binance",
    }),
  ),
);
// --- end of seed code ---

// example: the runs end with the replay; report the shared state then.
let running = symbols.length;
listenDoneLive(() => {
  running -= 1;
  if (running > 0) return;
  console.log(
    `replay over: portfolio PnL ${portfolio.totalPnL.toFixed(2)}%, ${portfolio.activeSignals.size} positions still open`,
  );
});
