import { fileURLToPath } from "node:url";

/** The repository's aligned 30-day set of real Binance spot candles (March–April 2026). */
export const DATA_FOLDER = fileURLToPath(
  new URL("../../../data/candles/sets/spot-2026-03/", import.meta.url),
);
