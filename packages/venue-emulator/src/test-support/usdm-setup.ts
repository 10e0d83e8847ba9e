import { fileURLToPath } from "node:url";
import ccxt from "ccxt";
import { binanceUsdmCcxtConfig, useBinanceLinearErrorTable } from "../binance-ccxt-config.js";
import { createVenueEmulator, type VenueEmulator } from "../create-venue-emulator.js";
import type { VenueEmulatorOptions } from "../venue-emulator-options.js";
import { API_KEY, SECRET } from "./setup.js";

/** The repository's real Binance USDT-M perpetual 1m candles (2025-05-04 15:33 UTC onward). */
export const PERP_BTC_CSV = fileURLToPath(
  new URL("../../../../data/candles/sets/perp-2025-05/BTCUSDT-1m.csv.gz", import.meta.url),
);
export const PERP_ETH_CSV = fileURLToPath(
  new URL("../../../../data/candles/sets/perp-2025-05/ETHUSDT-1m.csv.gz", import.meta.url),
);
/** 2025-05-04 15:33 UTC, the open of the first perpetual candle. */
export const P0 = 1_746_372_780_000;
/** `P0 + n` minutes. */
export const pat = (minutes: number) => P0 + minutes * 60_000;
export const BTC_PERP = "BTC/USDT:USDT";

/** A started USDⓈ-M emulator on the real BTCUSDT/ETHUSDT perpetual candles with 10,000 USDT. */
export async function startUsdmEmulator(options: Partial<VenueEmulatorOptions> = {}): Promise<VenueEmulator> {
  const emulator = createVenueEmulator({
    market: "usdm",
    apiKey: API_KEY,
    secret: SECRET,
    candles: { BTCUSDT: PERP_BTC_CSV, ETHUSDT: PERP_ETH_CSV },
    balances: { USDT: "10000" },
    ...options,
  });
  await emulator.start();
  return emulator;
}

/** ccxt's real binanceusdm class pointed at the emulator, with fapi's error table (no throttling). */
export function binanceUsdmOn(emulator: VenueEmulator, overrides: Record<string, unknown> = {}) {
  const exchange = new ccxt.binanceusdm(
    binanceUsdmCcxtConfig(emulator, { enableRateLimit: false, timeout: 2_000, ...overrides }) as never,
  );
  useBinanceLinearErrorTable(exchange as never);
  return exchange;
}
