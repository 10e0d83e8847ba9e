// Seed: multi-symbol-strategies.md, "Error Isolation Pattern".
// To show the isolation, SOLUSDT's saved state is damaged before the start (a half-written file, as a crash
// of a non-atomic writer would leave it): Live.run refuses to trade SOLUSDT on top of a state it cannot read
// and throws; the catch of that symbol reports it, and BTCUSDT and ETHUSDT trade on.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Live } from "candlewick";
import { registerSeedComponents, stateDirOf } from "./setup.js";

registerSeedComponents("errors");
// example: the damaged state file.
mkdirSync(join(stateDirOf("errors"), "signals", "my-strategy"), { recursive: true });
writeFileSync(
  join(stateDirOf("errors"), "signals", "my-strategy", "SOLUSDT.json"),
  '{"version":1,"exchangeName":"binance","runner":{"phase":"ope',
);

// --- seed code, only the import changed ---
const symbols = ["BTCUSDT", "ETHUSDT", "SOLUSDT"];

// Wrap each symbol in error boundary
await Promise.all(
  symbols.map(async (symbol) => {
    try {
      for await (const result of Live.run(symbol, {
        strategyName: "my-strategy",
        exchangeName: "binance",
      })) {
        console.log(`[${symbol}]`, result.action);
      }
    } catch (error) {
      console.error(`[${symbol}] ERROR:`, (error as Error).message); // example: `error` is `unknown` in strict TS

      // Log error but don't crash other symbols
      await Live.dump("my-strategy", `./errors/${symbol}`);

      // Optionally restart this symbol after delay
      await new Promise((resolve) => setTimeout(resolve, 5000));
      // Recursively restart
    }
  }),
);
// --- end of seed code ---

console.log(
  "BTCUSDT and ETHUSDT ran the whole replay; SOLUSDT stopped at its start, the others were not affected",
);
console.log("the live report at SOLUSDT's failure was dumped to ./errors/SOLUSDT/my-strategy.md");
