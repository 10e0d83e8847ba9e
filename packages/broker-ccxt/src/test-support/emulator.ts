import { fileURLToPath } from "node:url";
import {
  binanceCcxtConfig,
  createVenueEmulator,
  useBinanceSpotErrorTable,
  type VenueEmulator,
  type VenueEmulatorOptions,
} from "@candlewick/venue-emulator";
import ccxt from "ccxt";
import { type CcxtBroker, createCcxtBroker } from "../ccxt-broker.js";

/** The repository's real Binance spot 1m candles (2025-05-20 00:00 UTC onward). */
const BTC_CSV = fileURLToPath(new URL("../../../../data/candles/BTCUSDT-1m.csv.gz", import.meta.url));
const ETH_CSV = fileURLToPath(new URL("../../../../data/candles/ETHUSDT-1m.csv.gz", import.meta.url));

/** 2025-05-20 00:00 UTC, the open of the first candle. */
export const T0 = 1_747_699_200_000;
/** `T0 + n` minutes. */
export const at = (minutes: number) => T0 + minutes * 60_000;

// Unique strings, so finding one anywhere can only be a leak.
export const API_KEY = "brokerCcxtKey4f0c9a17e2b6d3581";
export const SECRET = "broker-ccxt-secret-7d41b0e2a96c";

/** A started emulator on the real BTCUSDT/ETHUSDT candles with 10,000 USDT. */
export async function startVenue(options: Partial<VenueEmulatorOptions> = {}): Promise<VenueEmulator> {
  const venue = createVenueEmulator({
    apiKey: API_KEY,
    secret: SECRET,
    candles: { BTCUSDT: BTC_CSV, ETHUSDT: ETH_CSV },
    balances: { USDT: "10000" },
    ...options,
  });
  await venue.start();
  return venue;
}

/** ccxt's real binance class pointed at the venue (not throttled, so tests run fast). */
export function binanceOn(venue: VenueEmulator, overrides: Record<string, unknown> = {}) {
  const exchange = new ccxt.binance(
    binanceCcxtConfig(venue, { enableRateLimit: false, timeout: 2_000, ...overrides }) as never,
  );
  useBinanceSpotErrorTable(exchange as never);
  return exchange;
}

/** The broker under test, on its own ccxt instance pointed at the venue. */
export function brokerOn(venue: VenueEmulator, overrides: Record<string, unknown> = {}): CcxtBroker {
  return createCcxtBroker({ exchange: binanceOn(venue, overrides) });
}
