import { intervalToMs } from "@candlewick/core/internal";
import { createFakeHttp, type FakeHttp, jsonResponse, type RecordedRequest } from "./fake-http.js";
import { type FixtureRow, fixtureText } from "./fixtures.js";

/** Candle series the fake serves, keyed `spot:BTCUSDT:1m` or `linear:BTCUSDT:1m` (exchange ids). */
export type BinanceSeries = Readonly<Record<string, readonly FixtureRow[]>>;

const EXCHANGE_INFO: Readonly<Record<string, string>> = {
  "/api/v3/exchangeInfo": "binance-api-v3-exchangeInfo.json",
  "/fapi/v1/exchangeInfo": "binance-fapi-v1-exchangeInfo.json",
  "/dapi/v1/exchangeInfo": "binance-dapi-v1-exchangeInfo.json",
};

const KLINES: Readonly<Record<string, string>> = { "/api/v3/klines": "spot", "/fapi/v1/klines": "linear" };

/**
 * Binance's REST API as far as ccxt's `loadMarkets` and `fetchOHLCV` use it, answered with recorded
 * exchangeInfo bodies and real candles rendered in Binance's kline format. Klines follow Binance's rules:
 * rows with `startTime <= openTime <= endTime`, oldest first, the first `limit` of them (default 500; above
 * 1000 is rejected with Binance's -1130 error); an unknown symbol is Binance's -1121 error.
 */
export function createFakeBinance(series: BinanceSeries): FakeHttp {
  return createFakeHttp((request) => {
    const info = EXCHANGE_INFO[request.url.pathname];
    if (info !== undefined) return jsonResponse(fixtureText(info));
    const market = KLINES[request.url.pathname];
    if (market !== undefined) return klines(request, market, series);
    return undefined;
  });
}

function klines(request: RecordedRequest, market: string, series: BinanceSeries): Response {
  const { symbol = "", interval = "", startTime, endTime, limit: limitText } = request.params;
  const rows = series[`${market}:${symbol}:${interval}`];
  if (rows === undefined) return jsonResponse(fixtureText("binance-error-400-invalid-symbol.json"), 400);
  const limit = limitText === undefined ? 500 : Number(limitText);
  if (!(limit >= 1 && limit <= 1000)) {
    return jsonResponse({ code: -1130, msg: "Data sent for parameter 'limit' is not valid." }, 400);
  }
  const from = startTime === undefined ? Number.NEGATIVE_INFINITY : Number(startTime);
  const to = endTime === undefined ? Number.POSITIVE_INFINITY : Number(endTime);
  const inRange = rows.filter((row) => row.timestamp >= from && row.timestamp <= to);
  const picked = startTime === undefined ? inRange.slice(-limit) : inRange.slice(0, limit);
  const step = intervalToMs(interval);
  return jsonResponse(
    picked.map((row) => binanceKline(row, step)),
    200,
    { "x-mbx-used-weight-1m": "2" },
  );
}

/**
 * One kline row in Binance's wire format. OHLCV are the recorded values, padded to Binance's 8 decimals.
 * The source data has no quote volume, trade count or taker volumes: those are derived (ccxt ignores them).
 */
function binanceKline(row: FixtureRow, step: number): unknown[] {
  const [open, high, low, close, volume] = row.text.map(pad8) as [string, string, string, string, string];
  const { candle } = row;
  const quoteVolume = (candle.volume * (candle.open + candle.high + candle.low + candle.close)) / 4;
  return [
    row.timestamp,
    open,
    high,
    low,
    close,
    volume,
    row.timestamp + step - 1,
    quoteVolume.toFixed(8),
    Math.max(1, Math.round(candle.volume * 40)),
    (candle.volume / 2).toFixed(8),
    (quoteVolume / 2).toFixed(8),
    "0",
  ];
}

function pad8(value: string): string {
  const [whole = "0", fraction = ""] = value.split(".");
  return `${whole}.${fraction.padEnd(8, "0")}`;
}
