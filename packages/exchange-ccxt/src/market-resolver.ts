import { ExchangeError } from "@candlewick/core";
import type { Exchange, MarketInterface } from "ccxt";
import type { CandleCache } from "./cache/candle-cache.js";
import { closeMatches } from "./close-matches.js";
import { mapCcxtError } from "./map-ccxt-error.js";
import { prefersSwap, resolveMarket } from "./resolve-market.js";
import { type CcxtRetryPolicy, type RetryHooks, withCcxtRetry } from "./with-ccxt-retry.js";

/** The market facts the adapter needs after resolving a symbol. */
export interface ResolvedMarket {
  readonly id: string;
  /** Unified ccxt symbol: the name used in requests and in the cache. */
  readonly symbol: string;
  readonly base: string;
  readonly quote: string;
  readonly type?: string;
  readonly spot?: boolean;
  readonly swap?: boolean;
  readonly linear?: boolean;
  readonly active?: boolean;
  /** Listing time (epoch ms) when the exchange reports it; nothing is requested before it. */
  readonly created?: number;
}

/** Settings of `createMarketResolver`. */
export interface MarketResolverConfig {
  readonly exchange: Exchange;
  readonly exchangeName: string;
  /** Cache key of the exchange (see `cacheKeyOf`). */
  readonly exchangeKey: string;
  readonly retry: CcxtRetryPolicy;
  readonly retryHooks?: RetryHooks;
  readonly cache?: CandleCache;
  readonly offline: boolean;
}

/** Turns what users type (`BTCUSDT`, `BTC/USDT`, `BTC/USDT:USDT`) into an exchange market (rule: `resolveMarket`). */
export interface MarketResolver {
  resolve(symbol: string): Promise<ResolvedMarket>;
}

/**
 * Online, markets come from ccxt's `loadMarkets` (once, retried) and each resolved market is saved next to
 * its cached candles. Offline, the markets are the symbols present in the cache, with their saved descriptions
 * handed back to ccxt so that price and quantity formatting work without a network.
 */
export function createMarketResolver(config: MarketResolverConfig): MarketResolver {
  const { exchange } = config;
  let markets: Promise<ResolvedMarket[]> | undefined;
  const saved = new Set<string>();
  const byInput = new Map<string, ResolvedMarket>();

  const loadMarkets = (): Promise<ResolvedMarket[]> => {
    markets ??= (config.offline ? marketsFromCache(config) : marketsFromExchange(config)).catch((error) => {
      // Forget a failed load so that the next call tries again.
      markets = undefined;
      throw error;
    });
    return markets;
  };

  return {
    async resolve(symbol) {
      const known = await loadMarkets();
      // Remembered per spelling: the core asks for the same symbol on every page and every formatted price.
      const market = byInput.get(symbol) ?? resolveMarket(symbol, known, prefersSwap(exchange.options));
      if (market === undefined) throw unknownSymbol(symbol, known, config);
      byInput.set(symbol, market);
      if (config.cache !== undefined && !config.offline && !saved.has(market.symbol)) {
        saved.add(market.symbol);
        const description = exchange.markets?.[market.symbol];
        if (description !== undefined) {
          const { info: _info, ...withoutInfo } = description as MarketInterface & { info?: unknown };
          await config.cache.writeMarket(config.exchangeKey, market.symbol, withoutInfo);
        }
      }
      return market;
    },
  };
}

async function marketsFromExchange(config: MarketResolverConfig): Promise<ResolvedMarket[]> {
  const toError = (error: unknown) =>
    mapCcxtError(error, {
      exchange: config.exchange,
      exchangeName: config.exchangeName,
      operation: "loadMarkets",
    });
  await withCcxtRetry(() => config.exchange.loadMarkets(), config.retry, toError, config.retryHooks);
  return Object.values(config.exchange.markets ?? {}).filter(
    (market): market is MarketInterface => market !== undefined,
  ) as ResolvedMarket[];
}

async function marketsFromCache(config: MarketResolverConfig): Promise<ResolvedMarket[]> {
  if (config.cache === undefined) return [];
  const result: ResolvedMarket[] = [];
  const descriptions: MarketInterface[] = [];
  for (const symbol of await config.cache.symbols(config.exchangeKey)) {
    const description = await config.cache.readMarket(config.exchangeKey, symbol);
    if (description !== undefined && description.symbol === symbol) {
      descriptions.push(description as unknown as MarketInterface);
      result.push(description as unknown as ResolvedMarket);
    } else {
      result.push(marketFromSymbol(symbol));
    }
  }
  // Lets ccxt's priceToPrecision / amountToPrecision work offline for the markets saved while online.
  if (descriptions.length > 0) config.exchange.setMarkets(descriptions);
  return result;
}

/** What a unified symbol alone says: `BASE/QUOTE` is spot, `BASE/QUOTE:SETTLE` a swap (dated if `-YYMMDD` follows). */
function marketFromSymbol(symbol: string): ResolvedMarket {
  const [pair = symbol, settlement] = symbol.split(":");
  const [base = pair, quote = ""] = pair.split("/");
  if (settlement === undefined)
    return { id: symbol, symbol, base, quote, type: "spot", spot: true, swap: false };
  const settle = settlement.split("-")[0];
  const swap = !settlement.includes("-");
  return {
    id: symbol,
    symbol,
    base,
    quote,
    type: swap ? "swap" : "future",
    spot: false,
    swap,
    linear: settle === quote,
  };
}

function unknownSymbol(
  symbol: string,
  markets: readonly ResolvedMarket[],
  config: MarketResolverConfig,
): ExchangeError {
  const candidates = markets.map((market) => ({
    label: market.symbol,
    keys: [market.symbol, market.id, `${market.base}${market.quote}`],
  }));
  const matches = closeMatches(symbol, candidates);
  const where = config.offline
    ? `in the offline cache at ${config.cache?.dir}`
    : `among ${markets.length} markets`;
  const hint = matches.length > 0 ? `close matches: ${matches.join(", ")}` : "no close match";
  return new ExchangeError(config.exchangeName, `unknown symbol "${symbol}" ${where}; ${hint}`, {
    symbol,
    isRetryable: false,
    details: { closeMatches: matches },
  });
}
