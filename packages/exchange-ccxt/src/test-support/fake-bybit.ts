import { createFakeHttp, type FakeHttp, jsonResponse, type RecordedRequest } from "./fake-http.js";
import { type FixtureRow, fixtureText } from "./fixtures.js";

/** Candle series the fake serves, keyed `linear:BTCUSDT:1` (category, exchange id, Bybit interval code). */
export type BybitSeries = Readonly<Record<string, readonly FixtureRow[]>>;

const INSTRUMENTS: Readonly<Record<string, string>> = {
  spot: "bybit-v5-instruments-info-spot.json",
  linear: "bybit-v5-instruments-info-linear.json",
  inverse: "bybit-v5-instruments-info-inverse.json",
};

/**
 * Bybit's v5 REST API as far as ccxt's `loadMarkets` and `fetchOHLCV` use it. Instruments come from recorded
 * bodies (a follow-up page, the pre-launch list and the option lists are empty). Klines follow Bybit's rules:
 * rows with `start <= startTime <= end` (end defaults to now), the newest `limit` of them (default 200, max
 * 1000), newest first, prices as Bybit prints them; an unknown symbol is Bybit's 10001 error.
 */
export function createFakeBybit(series: BybitSeries, now: () => number): FakeHttp {
  return createFakeHttp((request) => {
    if (request.url.pathname === "/v5/market/instruments-info") return instruments(request, now);
    if (request.url.pathname === "/v5/market/kline") return kline(request, series, now);
    return undefined;
  });
}

function envelope(result: unknown, now: () => number, retCode = 0, retMsg = "OK"): Response {
  return jsonResponse({ retCode, retMsg, result, retExtInfo: {}, time: now() });
}

function instruments(request: RecordedRequest, now: () => number): Response {
  const { category = "", cursor, status } = request.params;
  const recorded = INSTRUMENTS[category];
  if (recorded === undefined || cursor !== undefined || status === "PreLaunch") {
    return envelope({ category, list: [], nextPageCursor: "" }, now);
  }
  return jsonResponse(fixtureText(recorded));
}

function kline(request: RecordedRequest, series: BybitSeries, now: () => number): Response {
  const { category = "", symbol = "", interval = "", start, end, limit: limitText } = request.params;
  const rows = series[`${category}:${symbol}:${interval}`];
  if (rows === undefined) return envelope({}, now, 10001, "params error: symbol invalid");
  const limit = limitText === undefined ? 200 : Number(limitText);
  if (!(limit >= 1 && limit <= 1000)) return envelope({}, now, 10001, "params error: limit invalid");
  const from = start === undefined ? Number.NEGATIVE_INFINITY : Number(start);
  const to = end === undefined ? now() : Number(end);
  const picked = rows.filter((row) => row.timestamp >= from && row.timestamp <= to).slice(-limit);
  const list = picked.reverse().map((row) => {
    const [open, high, low, close, volume] = row.text;
    // Turnover (quote volume) is not in the source data; derived, and ignored by ccxt.
    const turnover = (row.candle.volume * row.candle.close).toFixed(4);
    return [String(row.timestamp), open, high, low, close, volume, turnover];
  });
  return envelope({ category, symbol, list }, now);
}
