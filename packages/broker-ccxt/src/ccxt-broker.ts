import {
  type Broker,
  type BrokerBalance,
  BrokerError,
  type BrokerFill,
  type BrokerOrder,
  type BrokerPosition,
  InvalidArgumentError,
  type OrderRequest,
  parseWithSchema,
} from "@candlewick/core";
import type { Exchange, MarketInterface as Market, Order } from "ccxt";
import { type CcxtBrokerOptions, ccxtBrokerOptionsSchema, checkExchangeId } from "./ccxt-broker-options.js";
import { COMPONENT } from "./component.js";
import { mapBrokerError, retryAfterMsOf } from "./map-broker-error.js";
import { type KnownOrder, mapCcxtOrder } from "./map-ccxt-order.js";
import { orderCallOf } from "./order-call.js";
import { resolveExchange } from "./resolve-exchange.js";
import { fetchTradesSince, mapCcxtTrade } from "./venue-fills.js";
import type { VenueId } from "./venue-profile.js";

/** A ccxt broker: the `Broker` contract, plus which venue and market kind it trades. */
export interface CcxtBroker extends Broker {
  readonly venueId: VenueId;
  readonly marketType: "spot" | "swap";
}

/** ccxt's credential fields on an instance (its `requiredCredentials`, less the public `walletAddress`). */
const CREDENTIAL_FIELDS = ["apiKey", "secret", "uid", "login", "password", "privateKey", "token", "twofa"];

/**
 * Creates a broker over ccxt's real exchange class for Binance spot (`"binance"`) or USDⓈ-M futures
 * (`"binanceusdm"`). Orders are placed, cancelled and found by client order id; quantities and prices go through
 * the market's precision, and an order below the market's minimum amount or notional is rejected before it is
 * sent. Every venue failure is a `BrokerError` (see `classifyCcxtError`). Keys, from the options, your instance or
 * the environment, never appear in an error or in anything the broker returns.
 *
 * @example
 * const broker = createCcxtBroker({ exchangeId: "binance" }); // keys from CANDLEWICK_BINANCE_API_KEY / _SECRET
 * @throws InvalidArgumentError naming a bad option (never echoing a credential).
 */
export function createCcxtBroker(options: CcxtBrokerOptions): CcxtBroker {
  checkExchangeId(options);
  const parsed = parseWithSchema(COMPONENT, ccxtBrokerOptionsSchema, options);
  const { exchange, profile } = resolveExchange(parsed);
  const brokerName = parsed.brokerName ?? exchange.id;
  // Read once, kept only in this closure: masked wherever ccxt repeats them in a message.
  const credentials = new Set(
    CREDENTIAL_FIELDS.map((field) => (exchange as unknown as Record<string, unknown>)[field]).filter(
      (value): value is string => typeof value === "string" && value.length >= 4,
    ),
  );
  /** Client order ids by venue order id: Binance's trades carry only the venue's id. */
  const clientIds = new Map<string, string>();
  let marketsFailed = false;

  /**
   * ccxt keeps the promise of the first `loadMarkets` and hands it to every later call, even when it failed: one
   * network error before the markets arrived would fail every call forever. A failed load is redone here.
   */
  async function loadMarkets() {
    try {
      const markets = await exchange.loadMarkets(marketsFailed);
      marketsFailed = false;
      return markets;
    } catch (error) {
      marketsFailed = true;
      throw error;
    }
  }

  async function venue<T>(
    operation: string,
    call: () => Promise<T>,
    ids: { symbol?: string; clientOrderId?: string } = {},
  ): Promise<T> {
    try {
      await loadMarkets();
      return await call();
    } catch (error) {
      const headers = (exchange as unknown as { last_response_headers?: Record<string, unknown> })
        .last_response_headers;
      throw mapBrokerError(error, {
        brokerName,
        operation: [operation, ids.symbol, ids.clientOrderId].filter(Boolean).join(" "),
        symbol: ids.symbol,
        clientOrderId: ids.clientOrderId,
        credentials,
        retryAfterMs: retryAfterMsOf(headers?.["Retry-After"], exchange.milliseconds()),
      });
    }
  }

  async function marketOf(symbol: string): Promise<Market> {
    const markets = await venue("loadMarkets", loadMarkets);
    const direct = markets[symbol];
    if (direct !== undefined && direct.type === profile.marketType) return direct;
    const byId = Object.values(markets).find(
      (market) => market?.id === symbol && market?.type === profile.marketType,
    );
    if (byId !== undefined) return byId;
    throw new BrokerError(
      brokerName,
      "rejected",
      "other",
      `unknown ${profile.marketType} symbol ${JSON.stringify(symbol)} on ${profile.venueId}`,
      { details: { symbol } },
    );
  }

  const symbolOfMarket = (unified: string | undefined): string =>
    (unified === undefined ? undefined : exchange.markets?.[unified]?.id) ?? unified ?? "";

  function toOrder(order: Order, known: Omit<KnownOrder, "now">): BrokerOrder {
    const mapped = mapCcxtOrder(order, { ...known, now: exchange.milliseconds() }, profile);
    if (mapped.clientOrderId !== "") clientIds.set(mapped.venueOrderId, mapped.clientOrderId);
    return mapped;
  }

  async function fetchOrder(symbol: string, clientOrderId: string): Promise<BrokerOrder | null> {
    const market = await marketOf(symbol);
    try {
      const order = await venue(
        "fetchOrder",
        () => exchange.fetchOrder("", market.symbol, { clientOrderId }),
        { symbol, clientOrderId },
      );
      return toOrder(order, { clientOrderId, symbol });
    } catch (error) {
      if (BrokerError.isInstance(error) && (error as BrokerError).kind === "not_found") return null;
      throw error;
    }
  }

  /**
   * Binance's myTrades has no client order id: the order, fetched once by its venue id, has it. An order the venue
   * no longer knows gives "" (not ours to match), rather than failing every later fetch of fills.
   */
  async function clientOrderIdOfVenueOrder(venueOrderId: string, unified: string, symbol: string) {
    try {
      const order = await venue("fetchOrder", () => exchange.fetchOrder(venueOrderId, unified), { symbol });
      return toOrder(order, { symbol }).clientOrderId;
    } catch (error) {
      if (BrokerError.isInstance(error) && (error as BrokerError).kind === "not_found") {
        clientIds.set(venueOrderId, "");
        return "";
      }
      throw error;
    }
  }

  const broker: CcxtBroker = {
    specificationVersion: "v1",
    brokerName,
    venueId: profile.venueId,
    marketType: profile.marketType,
    capabilities: profile.capabilities,

    async createOrder(request: OrderRequest) {
      const market = await marketOf(request.symbol);
      const call = orderCallOf(request, market, exchange, profile, brokerName);
      const ids = { symbol: request.symbol, clientOrderId: request.clientOrderId };
      const order = await venue(
        "createOrder",
        () => exchange.createOrder(call.symbol, call.type, call.side, call.amount, call.price, call.params),
        ids,
      );
      if (order.status === undefined) {
        // An ACK-only answer: read the order's state by our id.
        const state = await fetchOrder(request.symbol, request.clientOrderId);
        if (state !== null) return state;
      }
      return toOrder(order, { ...ids, type: request.type });
    },

    async cancelOrder(symbol, clientOrderId) {
      const market = await marketOf(symbol);
      try {
        const order = await venue(
          "cancelOrder",
          () => exchange.cancelOrder("", market.symbol, { clientOrderId }),
          { symbol, clientOrderId },
        );
        return toOrder(order, { clientOrderId, symbol });
      } catch (error) {
        if (!BrokerError.isInstance(error) || (error as BrokerError).kind !== "not_found") throw error;
        // Binance answers -2011 for a finished order too: the contract wants it as it ended.
        const ended = await fetchOrder(symbol, clientOrderId);
        if (ended === null) throw error;
        return ended;
      }
    },

    fetchOrder,

    async fetchOpenOrders(symbol) {
      const market = symbol === undefined ? undefined : await marketOf(symbol);
      const orders = await venue("fetchOpenOrders", () => exchange.fetchOpenOrders(market?.symbol), {
        symbol,
      });
      return orders.map((order) => toOrder(order, { symbol: symbol ?? symbolOfMarket(order.symbol) }));
    },

    async fetchFills(symbol, since) {
      if (!Number.isFinite(since) || since < 0) {
        throw new InvalidArgumentError(COMPONENT, "since", since, "epoch milliseconds >= 0");
      }
      const market = await marketOf(symbol);
      const trades = await venue(
        "fetchFills",
        () => fetchTradesSince(exchange, profile, market.symbol, since),
        { symbol },
      );
      const fills: BrokerFill[] = [];
      for (const trade of trades) {
        const venueOrderId = String(trade.order);
        let clientOrderId = clientIds.get(venueOrderId);
        if (clientOrderId === undefined) {
          clientOrderId = await clientOrderIdOfVenueOrder(venueOrderId, market.symbol, symbol);
        }
        fills.push(mapCcxtTrade(trade, clientOrderId, symbol));
      }
      return fills.sort((a, b) => a.timestamp - b.timestamp);
    },

    async fetchBalance() {
      const balance = await venue("fetchBalance", () => exchange.fetchBalance());
      const totals = (balance.total ?? {}) as unknown as Record<string, number | undefined>;
      const out: BrokerBalance[] = [];
      for (const currency of Object.keys(totals).sort()) {
        const entry = balance[currency] as { free?: number; used?: number; total?: number } | undefined;
        const free = entry?.free ?? 0;
        const used = entry?.used ?? 0;
        out.push({ currency, free, used, total: entry?.total ?? free + used });
      }
      return out;
    },

    async close() {
      await (exchange as unknown as { close?: () => Promise<void> }).close?.();
    },
  };

  if (profile.capabilities.positions) {
    (broker as { fetchPositions?: Broker["fetchPositions"] }).fetchPositions = async (symbols) => {
      const unified =
        symbols === undefined
          ? undefined
          : await Promise.all(symbols.map(async (symbol) => (await marketOf(symbol)).symbol));
      const positions = await venue("fetchPositions", () => exchange.fetchPositions(unified));
      return positions
        .filter((position) => (position.contracts ?? 0) > 0)
        .map(
          (position): BrokerPosition => ({
            symbol: symbolOfMarket(position.symbol),
            side: position.side === "short" ? "short" : "long",
            quantity: (position.contracts ?? 0) * (position.contractSize ?? 1),
            entryPrice: position.entryPrice ?? 0,
          }),
        );
    };
  }
  return broker;
}

export type { Exchange };
