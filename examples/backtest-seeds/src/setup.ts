import { fileURLToPath } from "node:url";
import { addSeedStrategy } from "@candlewick/example-seed-strategy";
import { addExchange, addFrame, createCsvExchange } from "candlewick";

/**
 * The registrations the seed samples assume: an exchange named "binance" (here: the real Binance 1m candles
 * shipped in data/candles, so the samples run offline), a strategy "my-strategy" and a frame "1d-backtest".
 */
export function registerSeedComponents(): void {
  const dataDir = fileURLToPath(new URL("../../../data/candles/sets/spot-2026-03", import.meta.url));
  addExchange(createCsvExchange({ exchangeName: "binance", dir: dataDir }));
  addFrame({
    frameName: "1d-backtest",
    interval: "1m",
    startDate: new Date("2026-04-01T00:00:00Z"),
    endDate: new Date("2026-04-02T00:00:00Z"),
  });
  addSeedStrategy(); // three rising 5m closes: long; three falling: short
}
