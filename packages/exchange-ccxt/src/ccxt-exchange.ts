import {
  CANDLE_INTERVALS,
  type Candle,
  type CandleInterval,
  type ExchangeSchema,
  InvalidArgumentError,
} from "@candlewick/core";
import type { Exchange } from "ccxt";
import { createCandleService } from "./candle-service.js";
import { type CcxtExchangeOptions, ccxtExchangeOptionsSchema } from "./ccxt-exchange-options.js";
import { COMPONENT } from "./component.js";
import { parseOptions } from "./parse-options.js";
import { resolveCcxtInstance } from "./resolve-ccxt-instance.js";

/** The adapter: a core `ExchangeSchema` plus access to the ccxt instance behind it. */
export interface CcxtExchange extends ExchangeSchema {
  readonly exchangeName: string;
  readonly maxCandlesPerRequest: number;
  /** The ccxt instance (yours if you injected one), e.g. for order placement in live code. */
  readonly ccxt: Exchange;
  getCandles(symbol: string, interval: CandleInterval, since: Date, limit: number): Promise<Candle[]>;
  formatPrice(symbol: string, price: number): Promise<string>;
  formatQuantity(symbol: string, quantity: number): Promise<string>;
  /** The unified ccxt symbol a name resolves to (`BTCUSDT` → `BTC/USDT` on binance). */
  resolveSymbol(symbol: string): Promise<string>;
}

/**
 * Creates a Candlewick exchange backed by ccxt. Candles come from `fetchOHLCV`, paged below the exchange's own
 * limit, rate-limited by ccxt, retried with backoff on retryable errors, validated, and (with `cache`) kept on
 * disk so that later runs need no network. Options are validated here; a bad one throws `InvalidArgumentError`,
 * and so does an unknown one (naming the option it most likely meant: `maxRetry` → `maxRetries`). Credentials
 * (on your ccxt instance) never appear in any error this adapter throws.
 *
 * @example
 * addExchange(createCcxtExchange({ exchange: "binance", cache: { dir: "./.candles" } }));
 */
export function createCcxtExchange(options: CcxtExchangeOptions): CcxtExchange {
  const parsed = parseOptions(ccxtExchangeOptionsSchema, options);
  const exchange = resolveCcxtInstance(parsed.exchange);
  const exchangeName = parsed.exchangeName ?? exchange.id;
  const service = createCandleService({
    exchange,
    exchangeName,
    cache: parsed.cache,
    retry: parsed,
    pageSize: parsed.pageSize,
    now: parsed.now ?? Date.now,
    onGap: parsed.onGap,
  });
  const cacheNote =
    parsed.cache === undefined
      ? ""
      : `, cache ${parsed.cache.dir}${parsed.cache.offline ? " (offline)" : ""}`;

  return {
    exchangeName,
    maxCandlesPerRequest: parsed.maxCandlesPerRequest,
    note: `ccxt ${exchange.id}${cacheNote}`,
    ccxt: exchange,

    async getCandles(symbol, interval, since, limit) {
      checkCandleRequest(interval, since, limit);
      return service.getCandles(symbol, interval, since, limit);
    },

    async formatPrice(symbol, price) {
      if (!Number.isFinite(price))
        throw new InvalidArgumentError(COMPONENT, "price", price, "a finite number");
      return service.formatPrice(symbol, price);
    },

    async formatQuantity(symbol, quantity) {
      if (!Number.isFinite(quantity)) {
        throw new InvalidArgumentError(COMPONENT, "quantity", quantity, "a finite number");
      }
      return service.formatQuantity(symbol, quantity);
    },

    async resolveSymbol(symbol) {
      return (await service.resolveMarket(symbol)).symbol;
    },
  };
}

function checkCandleRequest(interval: CandleInterval, since: Date, limit: number): void {
  if (!(CANDLE_INTERVALS as readonly string[]).includes(interval)) {
    throw new InvalidArgumentError(COMPONENT, "interval", interval, `one of ${CANDLE_INTERVALS.join(", ")}`);
  }
  if (!(since instanceof Date) || Number.isNaN(since.getTime())) {
    throw new InvalidArgumentError(COMPONENT, "since", since, "a valid Date");
  }
  if (!Number.isInteger(limit) || limit <= 0) {
    throw new InvalidArgumentError(COMPONENT, "limit", limit, "a positive integer");
  }
}
