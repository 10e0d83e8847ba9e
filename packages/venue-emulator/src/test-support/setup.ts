import { createHmac } from "node:crypto";
import { fileURLToPath } from "node:url";
import ccxt from "ccxt";
import { binanceCcxtConfig, useBinanceSpotErrorTable } from "../binance-ccxt-config.js";
import { createVenueEmulator, type VenueEmulator } from "../create-venue-emulator.js";
import type { VenueEmulatorOptions } from "../venue-emulator-options.js";

/** The repository's real Binance spot 1m candles (2025-05-20 00:00 UTC onward). */
export const BTC_CSV = fileURLToPath(new URL("../../../../data/candles/BTCUSDT-1m.csv.gz", import.meta.url));
export const ETH_CSV = fileURLToPath(new URL("../../../../data/candles/ETHUSDT-1m.csv.gz", import.meta.url));
/** 2025-05-20 00:00 UTC, the open of the first candle. */
export const T0 = 1_747_699_200_000;
export const MINUTE = 60_000;
/** `T0 + n` minutes. */
export const at = (minutes: number) => T0 + minutes * MINUTE;

export const API_KEY = "vmEmulatorKey0123456789";
export const SECRET = "emulator-secret-for-tests";

/** A started emulator on the real BTCUSDT/ETHUSDT candles with 10,000 USDT, stopped by `using`-style cleanup. */
export async function startEmulator(options: Partial<VenueEmulatorOptions> = {}): Promise<VenueEmulator> {
  const emulator = createVenueEmulator({
    apiKey: API_KEY,
    secret: SECRET,
    candles: { BTCUSDT: BTC_CSV, ETHUSDT: ETH_CSV },
    balances: { USDT: "10000" },
    ...options,
  });
  await emulator.start();
  return emulator;
}

/** ccxt's real binance class pointed at the emulator (no throttling, so tests run fast). */
export function binanceOn(emulator: VenueEmulator, overrides: Record<string, unknown> = {}) {
  const exchange = new ccxt.binance(
    binanceCcxtConfig(emulator, { enableRateLimit: false, timeout: 2_000, ...overrides }) as never,
  );
  useBinanceSpotErrorTable(exchange as never);
  return exchange;
}

/** A signed request made by hand (not through ccxt), for wire-format checks. */
export async function signedRequest(
  emulator: VenueEmulator,
  method: string,
  path: string,
  params: Record<string, string>,
  credentials: { apiKey?: string; secret?: string; timestamp?: number } = {},
): Promise<{ status: number; headers: Headers; body: Record<string, unknown> }> {
  const query = new URLSearchParams({
    ...params,
    timestamp: String(credentials.timestamp ?? emulator.now()),
  }).toString();
  const signature = createHmac("sha256", credentials.secret ?? SECRET)
    .update(query)
    .digest("hex");
  const response = await fetch(`${emulator.url}${path}?${query}&signature=${signature}`, {
    method,
    headers: { "X-MBX-APIKEY": credentials.apiKey ?? API_KEY },
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: JSON.parse(text) as Record<string, unknown>,
  };
}
