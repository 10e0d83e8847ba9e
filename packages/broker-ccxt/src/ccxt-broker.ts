import {
  type Broker,
  type BrokerBalance,
  type BrokerFill,
  type BrokerOrder,
  type BrokerPosition,
  InvalidArgumentError,
  type OrderRequest,
  parseWithSchema,
} from "@candlewick/core";
import type { Order } from "ccxt";
import { type CcxtBrokerOptions, ccxtBrokerOptionsSchema, checkExchangeId } from "./ccxt-broker-options.js";
import { COMPONENT } from "./component.js";
import { lotStepOf } from "./lot-step.js";
import { type KnownOrder, mapCcxtOrder } from "./map-ccxt-order.js";
import { orderCallOf } from "./order-call.js";
import { resolveExchange } from "./resolve-exchange.js";
import { fetchTradesSince, mapCcxtTrade } from "./venue-fills.js";
import type { VenueId } from "./venue-profile.js";
import { createVenueSession, isNotFound } from "./venue-session.js";

/** Most orders one `allOrders` request returns (Binance's maximum). */
const ORDERS_PAGE = 1000;

/** A ccxt broker: the `Broker` contract, plus which venue and market kind it trades. */
export interface CcxtBroker extends Broker {
  readonly venueId: VenueId;
  readonly marketType: "spot" | "swap";
}

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
  const session = createVenueSession(exchange, profile, brokerName);
  const { marketOf } = session;
  const venue = session.call;
  /** Client order ids by venue order id: Binance's trades carry only the venue's id. */
  const clientIds = new Map<string, string>();

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
      if (isNotFound(error)) return null;
      throw error;
    }
  }

  /**
   * Binance's myTrades has no client order id: the orders have it. The orders of trades not yet known (after a
   * restart, every one) are read in one `allOrders` request per symbol from the lowest of their venue ids (paged
   * while a page is full), not one `GET order` per trade's order; an order that list does not hold is then looked
   * up alone, and one the venue no longer knows gives "" (not ours to match), rather than failing every later
   * fetch of fills.
   */
  async function learnClientOrderIds(venueOrderIds: readonly string[], unified: string, symbol: string) {
    const missing = new Set(venueOrderIds.filter((id) => !clientIds.has(id)));
    const alone = new Set<string>();
    while (missing.size > 0) {
      const from = Math.min(...[...missing].map(Number));
      if (!Number.isSafeInteger(from)) break;
      const page = await venue(
        "fetchOrders",
        () => exchange.fetchOrders(unified, undefined, ORDERS_PAGE, { orderId: from }),
        { symbol },
      );
      let last = from;
      for (const order of page) {
        const mapped = toOrder(order, { symbol });
        if (!clientIds.has(mapped.venueOrderId)) clientIds.set(mapped.venueOrderId, mapped.clientOrderId);
        missing.delete(mapped.venueOrderId);
        last = Math.max(last, Number(mapped.venueOrderId));
      }
      if (page.length < ORDERS_PAGE) break;
      // A full page: the next one starts past it; an id it skipped is looked up alone.
      for (const id of missing) if (Number(id) <= last) alone.add(id);
      for (const id of alone) missing.delete(id);
    }
    for (const venueOrderId of [...alone, ...missing]) {
      await clientOrderIdOfVenueOrder(venueOrderId, unified, symbol);
    }
  }

  /** One order, fetched by its venue id, for its client order id. */
  async function clientOrderIdOfVenueOrder(venueOrderId: string, unified: string, symbol: string) {
    try {
      const order = await venue("fetchOrder", () => exchange.fetchOrder(venueOrderId, unified), { symbol });
      const { clientOrderId } = toOrder(order, { symbol });
      clientIds.set(venueOrderId, clientOrderId);
    } catch (error) {
      if (isNotFound(error)) {
        clientIds.set(venueOrderId, "");
        return;
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
        if (!isNotFound(error)) throw error;
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
      return orders.map((order) => toOrder(order, { symbol: symbol ?? session.idOf(order.symbol) }));
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
      await learnClientOrderIds(
        trades.map((trade) => String(trade.order)),
        market.symbol,
        symbol,
      );
      const fills: BrokerFill[] = [];
      for (const trade of trades) {
        const venueOrderId = String(trade.order);
        fills.push(mapCcxtTrade(trade, clientIds.get(venueOrderId) ?? "", symbol));
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

    async quantityStep(symbol) {
      return lotStepOf(
        await marketOf(symbol),
        (exchange as unknown as { precisionMode?: number }).precisionMode,
      );
    },

    async fetchMarket(symbol) {
      const market = await marketOf(symbol);
      return { symbol: market.id ?? symbol, base: market.base, quote: market.quote };
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
            symbol: session.idOf(position.symbol),
            side: position.side === "short" ? "short" : "long",
            quantity: (position.contracts ?? 0) * (position.contractSize ?? 1),
            entryPrice: position.entryPrice ?? 0,
          }),
        );
    };
  }
  return broker;
}
