// Seed: multi-symbol-strategies.md, "Basic Parallel Live Trading".
// The seed's loop never ends live; on the replay, each symbol's loop ends when the replay does.
import { Live } from "candlewick";
import { registerSeedComponents } from "./setup.js";

registerSeedComponents("parallel");

// --- seed code, only the import changed ---
const symbols = ["BTCUSDT", "ETHUSDT", "SOLUSDT"];

await Promise.all(
  symbols.map(async (symbol) => {
    for await (const result of Live.run(symbol, {
      strategyName: "my-strategy",
      exchangeName: "binance",
    })) {
      console.log(`[${symbol}] ${result.action}`);

      if (result.action === "closed") {
        console.log(`[${symbol}] PNL: ${result.pnl.pnlPercentage}%`);
      }
    }
  }),
);
// --- end of seed code ---

console.log("replay over: every symbol's live loop has ended");
