import { MINUTE_MS } from "@candlewick/core/internal";
import ccxt from "ccxt";
import { type CcxtExchangeOptions, createCcxtExchange } from "../index.js";
import { type BinanceSeries, createFakeBinance } from "./fake-binance.js";
import { fixtureRows } from "./fixtures.js";

export const MINUTE = MINUTE_MS;
/** 2025-05-31T00:00Z: first candle of the spot BTCUSDT / ETHUSDT 1m fixtures (2,880 candles, two days). */
export const MAY31 = Date.UTC(2025, 4, 31);
/** 2025-06-02T00:00Z: end of those fixtures. */
export const JUN2 = Date.UTC(2025, 5, 2);

export const spotBtc = fixtureRows("binance-spot-BTCUSDT-1m-2025-05-31.csv.gz");
export const spotEth = fixtureRows("binance-spot-ETHUSDT-1m-2025-05-31.csv.gz");
/** 2023-03-24 10:00 → 16:00 with Binance's real 80-minute halt (12:40 → 14:00 missing). */
export const haltBtc = fixtureRows("binance-spot-BTCUSDT-1m-2023-03-24-halt.csv.gz");

export const defaultSeries: BinanceSeries = {
  "spot:BTCUSDT:1m": spotBtc,
  "spot:ETHUSDT:1m": spotEth,
};

/** A real `ccxt.binance` whose HTTP layer is the fake, and an adapter over it; fast retries. */
export function binanceSetup(
  options: Partial<CcxtExchangeOptions> = {},
  series: BinanceSeries = defaultSeries,
  instanceOptions: Record<string, unknown> = {},
) {
  const http = createFakeBinance(series);
  const exchange = http.attach(new ccxt.binance(instanceOptions));
  const adapter = createCcxtExchange({
    exchange,
    now: () => JUN2,
    baseDelayMs: 1,
    maxDelayMs: 5,
    ...options,
  });
  return { http, exchange, adapter };
}
