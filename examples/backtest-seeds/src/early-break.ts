// Seed: execution-modes.md, "Memory Efficiency" — a for-await loop with an early exit.
import { Backtest } from "candlewick";
import { registerSeedComponents } from "./setup.js";

registerSeedComponents();
const context = { strategyName: "my-strategy", exchangeName: "binance", frameName: "1d-backtest" };
let seen = 0;

// --- seed code, only the import changed ---
for await (const result of Backtest.run("BTCUSDT", context)) {
  if (result.pnl.pnlPercentage < -10) break; // Early exit
  // (added so the run shows something, and to exercise `break` itself)
  seen++;
  console.log(`${result.signal.position} ${result.closeReason} ${result.pnl.pnlPercentage.toFixed(2)}%`);
  if (seen === 3) break;
}
// --- end of seed code ---
console.log(`stopped after ${seen} results; the backtest ended cleanly with the loop`);
