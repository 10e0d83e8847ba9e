import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** The recorded spot exchangeInfo body shipped with the emulator (see `src/data/README.md`). */
export function loadSpotExchangeInfo(): Record<string, unknown> {
  return loadRecorded("binance-api-v3-exchangeInfo.json");
}

/** The recorded USDⓈ-M (fapi) exchangeInfo body. */
export function loadUsdmExchangeInfo(): Record<string, unknown> {
  return loadRecorded("binance-fapi-v1-exchangeInfo.json");
}

function loadRecorded(file: string): Record<string, unknown> {
  const path = fileURLToPath(new URL(`../data/${file}`, import.meta.url));
  return JSON.parse(readFileSync(path, "utf8")) as Record<string, unknown>;
}

/** The `symbols[]` entries of an exchangeInfo body, by symbol. */
export function symbolEntries(info: Record<string, unknown>): Map<string, Record<string, unknown>> {
  const entries = (info.symbols as Record<string, unknown>[] | undefined) ?? [];
  return new Map(entries.map((entry) => [String(entry.symbol), entry]));
}
