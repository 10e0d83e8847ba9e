import { klines } from "../binance/market-routes.js";
import { ok, type Route } from "../binance/route.js";
import type { UsdmContext } from "./usdm-context.js";

/** Public fapi endpoints: ping, time, exchangeInfo and klines (the same candles and rule as spot's). */
export const usdmMarketRoutes: Readonly<Record<string, Route<UsdmContext>>> = {
  "GET /fapi/v1/ping": { security: "NONE", handle: () => ok({}) },
  "GET /fapi/v1/time": {
    security: "NONE",
    handle: (_request, context) => ok({ serverTime: context.engine.now() }),
  },
  "GET /fapi/v1/exchangeInfo": {
    security: "NONE",
    handle: (_request, context) => ok({ ...context.exchangeInfo, serverTime: context.engine.now() }),
  },
  "GET /fapi/v1/klines": { security: "NONE", handle: klines },
};
