// Seed: multi-symbol-strategies.md, "Cross-Symbol Strategy Implementation".
// The seed defines the strategy; the example runs it live on BTCUSDT and ETHUSDT (the ETHUSDT run feeds the
// shared map that BTCUSDT's decisions read). The replay clock advances both runs in lockstep, so at every tick
// both see the same "now", as they would live.
import { addStrategy, getCandles, Live } from "candlewick";
import { registerSeedComponents } from "./setup.js";

registerSeedComponents("cross-symbol");

// --- seed code, only the import changed ---
// Global state for cross-symbol analysis
const symbolData = new Map<string, { lastPrice: number }>();

addStrategy({
  strategyName: "correlation-strategy",
  interval: "5m",
  getSignal: async (symbol) => {
    // Get current symbol data
    const candles = await getCandles(symbol, "1m", 1);
    const currentPrice = candles[0].close;

    // Update shared state
    symbolData.set(symbol, { lastPrice: currentPrice });

    // Decision based on other symbols
    if (symbol === "BTCUSDT" && symbolData.has("ETHUSDT")) {
      const ethPrice = symbolData.get("ETHUSDT")!.lastPrice; // example: `!` for strict TS
      const btcPrice = currentPrice;
      const ratio = btcPrice / ethPrice;

      // Trade BTC if ratio is unusual
      if (ratio > 20) {
        return {
          position: "long",
          priceOpen: currentPrice,
          priceTakeProfit: currentPrice * 1.02,
          priceStopLoss: currentPrice * 0.98,
          minuteEstimatedTime: 60,
        };
      }
    }

    return null; // No signal
  },
});
// --- end of seed code ---

await Promise.all(
  ["BTCUSDT", "ETHUSDT"].map(async (symbol) => {
    for await (const result of Live.run(symbol, {
      strategyName: "correlation-strategy",
      exchangeName: "binance",
    })) {
      const ratio =
        (symbolData.get("BTCUSDT")?.lastPrice ?? Number.NaN) /
        (symbolData.get("ETHUSDT")?.lastPrice ?? Number.NaN);
      console.log(
        `[${symbol}] ${result.action} at ${new Date(result.timestamp).toISOString()}, price ${result.currentPrice}` +
          (result.action === "closed"
            ? `, ${result.closeReason}, PnL ${result.pnl.pnlPercentage.toFixed(2)}%`
            : "") +
          `, BTC/ETH ${ratio.toFixed(2)}`,
      );
    }
  }),
);
console.log(`replay over; last prices seen: ${JSON.stringify(Object.fromEntries(symbolData))}`);
