import { fileURLToPath } from "node:url";
import {
  binanceUsdmCcxtConfig,
  createVenueEmulator,
  useBinanceLinearErrorTable,
  type VenueEmulator,
  type VenueEmulatorOptions,
} from "@candlewick/venue-emulator";
import ccxt from "ccxt";
import { type CcxtBroker, createCcxtBroker } from "../ccxt-broker.js";
import { API_KEY, SECRET } from "./emulator.js";

/** The repository's real Binance USDT-M perpetual 1m candles (2025-05-04 15:33 UTC onward). */
export const PERP_BTC_CSV = fileURLToPath(
  new URL("../../../../data/candles/sets/perp-2025-05/BTCUSDT-1m.csv.gz", import.meta.url),
);
/** 2025-05-04 15:33 UTC, the open of the first perpetual candle. */
export const P0 = 1_746_372_780_000;
/** `P0 + n` minutes. */
export const pat = (minutes: number) => P0 + minutes * 60_000;

/** A started USDⓈ-M emulator on the real BTCUSDT perpetual candles with 10,000 USDT. */
export async function startUsdmVenue(options: Partial<VenueEmulatorOptions> = {}): Promise<VenueEmulator> {
  const venue = createVenueEmulator({
    market: "usdm",
    apiKey: API_KEY,
    secret: SECRET,
    candles: { BTCUSDT: PERP_BTC_CSV },
    balances: { USDT: "10000" },
    ...options,
  });
  await venue.start();
  return venue;
}

/** ccxt's real binanceusdm class pointed at the venue, with fapi's error table (not throttled). */
export function binanceUsdmOn(venue: VenueEmulator, overrides: Record<string, unknown> = {}) {
  const exchange = new ccxt.binanceusdm(
    binanceUsdmCcxtConfig(venue, { enableRateLimit: false, timeout: 2_000, ...overrides }) as never,
  );
  useBinanceLinearErrorTable(exchange as never);
  return exchange;
}

/** The broker under test on ccxt.binanceusdm pointed at the venue. */
export function usdmBrokerOn(venue: VenueEmulator, overrides: Record<string, unknown> = {}): CcxtBroker {
  return createCcxtBroker({ exchange: binanceUsdmOn(venue, overrides) });
}
