import { fileURLToPath } from "node:url";
import { createCsvExchange } from "@candlewick/core";
import { runExchangeConformance } from "./exchange-conformance.js";

// Core's offline CSV exchange over the real candles shipped in the repository: 1m as stored, 1h rolled up.
const dir = fileURLToPath(new URL("../../../data/candles/sets/spot-2026-03", import.meta.url));

runExchangeConformance("csv 1m", () => createCsvExchange({ dir }), {
  symbol: "BTCUSDT",
  interval: "1m",
  since: new Date("2026-04-20T00:00:00Z"),
});
runExchangeConformance("csv 1h (rolled up from 1m)", () => createCsvExchange({ dir }), {
  symbol: "ETHUSDT",
  interval: "1h",
  since: new Date("2026-04-01T00:00:00Z"),
});
