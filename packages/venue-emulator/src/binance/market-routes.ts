import { aggregateCandles, type CandleTable, INTERVAL_MS, isCandleInterval } from "@candlewick/core/internal";
import type { CandleFeed } from "../engine/candle-feed.js";
import type { VenueRequest } from "../http/venue-request.js";
import { reject } from "./binance-reject.js";
import { required } from "./parse-new-order.js";
import { integerParam, ok, type Route, type VenueContext } from "./route.js";

const rollUps = new WeakMap<CandleFeed, Map<number, CandleTable>>();

/** Public market-data endpoints: ping, time, exchangeInfo and klines. */
export const marketRoutes: Readonly<Record<string, Route>> = {
  "GET /api/v3/ping": { security: "NONE", handle: () => ok({}) },
  "GET /api/v3/time": {
    security: "NONE",
    handle: (_request, context) => ok({ serverTime: context.engine.now() }),
  },
  "GET /api/v3/exchangeInfo": {
    security: "NONE",
    handle: (_request, context) => ok({ ...context.exchangeInfo, serverTime: context.engine.now() }),
  },
  "GET /api/v3/klines": { security: "NONE", handle: klines },
};

/**
 * Binance klines from the replayed candles: rows with `startTime <= openTime <= endTime`, oldest first, the
 * first `limit` (default 500, at most 1000), or the latest `limit` without `startTime`. Only candles closed on
 * the venue's clock are served, so a client never sees the future of the replay.
 */
export function klines(request: VenueRequest, context: VenueContext) {
  const symbol = required(request.params, "symbol");
  const interval = required(request.params, "interval");
  const feed = context.feeds.get(symbol);
  if (feed === undefined) throw reject.invalidSymbol();
  if (!isCandleInterval(interval)) throw reject.invalidInterval();
  const limit = integerParam(request, "limit") ?? 500;
  if (limit < 1 || limit > 1000) throw reject.invalidLimit();
  const step = INTERVAL_MS[interval];
  const table = step === 60_000 ? feed.table : rollUp(feed, step);
  const closedBefore = context.engine.now() - step;
  const from = integerParam(request, "startTime") ?? Number.NEGATIVE_INFINITY;
  const to = Math.min(integerParam(request, "endTime") ?? Number.POSITIVE_INFINITY, closedBefore);
  const indices: number[] = [];
  for (let i = 0; i < table.length; i++) {
    const open = table.timestamp[i]!;
    if (open >= from && open <= to) indices.push(i);
  }
  const picked = request.params.has("startTime") ? indices.slice(0, limit) : indices.slice(-limit);
  return ok(picked.map((i) => klineRow(table, i, step)));
}

function rollUp(feed: CandleFeed, step: number): CandleTable {
  let byStep = rollUps.get(feed);
  if (byStep === undefined) {
    byStep = new Map();
    rollUps.set(feed, byStep);
  }
  let table = byStep.get(step);
  if (table === undefined) {
    table = aggregateCandles(feed.table, step);
    byStep.set(step, table);
  }
  return table;
}

/** One kline in Binance's wire format. The data has no quote volume, trade count or taker volumes: derived. */
function klineRow(table: CandleTable, i: number, step: number): unknown[] {
  const open = table.open[i]!;
  const high = table.high[i]!;
  const low = table.low[i]!;
  const close = table.close[i]!;
  const volume = table.volume[i]!;
  const quoteVolume = (volume * (open + high + low + close)) / 4;
  return [
    table.timestamp[i]!,
    open.toFixed(8),
    high.toFixed(8),
    low.toFixed(8),
    close.toFixed(8),
    volume.toFixed(8),
    table.timestamp[i]! + step - 1,
    quoteVolume.toFixed(8),
    Math.max(1, Math.round(volume * 40)),
    (volume / 2).toFixed(8),
    (quoteVolume / 2).toFixed(8),
    "0",
  ];
}
