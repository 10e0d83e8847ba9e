/**
 * The broker contract (v1): how Candlewick's live runs place, cancel and look up orders on a venue, and read what
 * happened to them. Implemented by the paper broker in core (the fill model, the default) and by
 * `@candlewick/broker-ccxt`. Every order carries a client order id that Candlewick derives from the signal and the
 * leg, so an order whose answer was lost can always be found again, and a retry never makes a second one.
 */

/** Which way an order trades. A long entry and a short exit buy; a short entry and a long exit sell. */
export type OrderSide = "buy" | "sell";

/**
 * What an order does once on the venue:
 * - `market`: fills now at the venue's price;
 * - `limit`: rests at `price`;
 * - `stop_market` / `stop_limit`: a protective stop, triggered when the price reaches `triggerPrice` against
 *   the position, then filled at market / rested at `price`;
 * - `take_profit_market` / `take_profit_limit`: the same, triggered by a move in the position's favour.
 */
export type OrderType =
  | "market"
  | "limit"
  | "stop_market"
  | "stop_limit"
  | "take_profit_market"
  | "take_profit_limit";

/** An order Candlewick asks a broker to place. */
export interface OrderRequest {
  /**
   * Candlewick's id of the order, unique per venue account and stable across retries and restarts: derived from
   * the signal id and the leg (see `clientOrderIdOf`), within the venue's length and alphabet.
   */
  readonly clientOrderId: string;
  readonly symbol: string;
  readonly side: OrderSide;
  readonly type: OrderType;
  /** Base quantity, already formatted to the market's precision. */
  readonly quantity: number;
  /** Limit price (`limit`, `stop_limit`, `take_profit_limit`). */
  readonly price?: number;
  /** Trigger price (`stop_*`, `take_profit_*`). */
  readonly triggerPrice?: number;
  /** Only ever reduces a position (derivatives venues; ignored where the venue has no positions). */
  readonly reduceOnly?: boolean;
  /**
   * The price the run's fill model expects a market order to fill at. The paper broker fills there exactly, so
   * paper trading is the backtest's fill model; a real venue ignores it.
   */
  readonly expectedPrice?: number;
}

/** Where an order is in its life on the venue. */
export type OrderStatus = "open" | "filled" | "cancelled" | "rejected" | "expired";

/** An order as the venue reports it. Quantities in base, prices in quote. */
export interface BrokerOrder {
  readonly clientOrderId: string;
  /** The venue's own id. */
  readonly venueOrderId: string;
  readonly symbol: string;
  readonly side: OrderSide;
  readonly type: OrderType;
  readonly status: OrderStatus;
  readonly quantity: number;
  /** Filled so far; an `open` order with `filledQuantity > 0` is partly filled. */
  readonly filledQuantity: number;
  /** Volume-weighted fill price so far; null before the first fill. */
  readonly averagePrice: number | null;
  readonly price?: number;
  readonly triggerPrice?: number;
  /** Epoch ms of the venue's last change to the order. */
  readonly updatedAt: number;
}

/** One execution of an order (a venue "trade"). */
export interface BrokerFill {
  /** The venue's id of the execution: the key that makes every fill count once. */
  readonly fillId: string;
  readonly clientOrderId: string;
  readonly venueOrderId: string;
  readonly symbol: string;
  readonly side: OrderSide;
  readonly price: number;
  readonly quantity: number;
  /** Fee charged, in `feeCurrency`. */
  readonly fee: number;
  readonly feeCurrency: string;
  readonly timestamp: number;
}

/** One currency of the account. */
export interface BrokerBalance {
  readonly currency: string;
  /** Available for new orders. */
  readonly free: number;
  /** Locked by open orders (or margin). */
  readonly used: number;
  readonly total: number;
}

/** A position as a derivatives venue holds it (spot venues have none). */
export interface BrokerPosition {
  readonly symbol: string;
  readonly side: "long" | "short";
  /** Base quantity, positive. */
  readonly quantity: number;
  readonly entryPrice: number;
}

/** The currencies of a market: what its balance check reads. */
export interface BrokerMarket {
  readonly symbol: string;
  /** The currency bought and sold, e.g. `"BTC"` for `BTCUSDT`. */
  readonly base: string;
  /** The currency prices are in, e.g. `"USDT"`. */
  readonly quote: string;
}

/** What a broker's venue can do; the order flow picks order types from it (see architecture/live.md). */
export interface BrokerCapabilities {
  /** Order types the venue takes for `symbol`'s market kind. */
  readonly orderTypes: readonly OrderType[];
  /** Whether the venue holds positions (`fetchPositions`), as derivatives venues do. */
  readonly positions: boolean;
  /** Longest client order id the venue accepts. */
  readonly maxClientOrderIdLength: number;
}

/** A live run's way to a venue account. */
export interface Broker {
  readonly specificationVersion: "v1";
  /** Short name for messages and state keys, e.g. `"paper"`, `"binance"`. */
  readonly brokerName: string;
  readonly capabilities: BrokerCapabilities;
  /**
   * Places an order. Resolves with the venue's view of it once acknowledged (it may already be filled).
   * @throws BrokerError `transient` when the outcome is unknown (timeout, network, 5xx, 429): the order may or
   *   may not exist, and the caller finds out with `fetchOrder(clientOrderId)`; `rejected` when the venue refused
   *   it (balance, price, size, notional, a duplicate client id).
   */
  createOrder(request: OrderRequest): Promise<BrokerOrder>;
  /**
   * Cancels an open order. Resolves with the order as it ended (cancelled, or filled if it filled first).
   * @throws BrokerError `not_found` when the venue has no such order.
   */
  cancelOrder(symbol: string, clientOrderId: string): Promise<BrokerOrder>;
  /** The order with this client id, or null when the venue has none. */
  fetchOrder(symbol: string, clientOrderId: string): Promise<BrokerOrder | null>;
  /** Every open order (of `symbol`, or of every symbol). */
  fetchOpenOrders(symbol?: string): Promise<BrokerOrder[]>;
  /** Executions of `symbol` at or after `since`, oldest first. */
  fetchFills(symbol: string, since: number): Promise<BrokerFill[]>;
  fetchBalance(): Promise<BrokerBalance[]>;
  /** Open positions, on venues with `capabilities.positions`. */
  fetchPositions?(symbols?: readonly string[]): Promise<BrokerPosition[]>;
  /**
   * The market's lot step: the increment of base quantity the venue takes for `symbol` (Binance's LOT_SIZE
   * `stepSize`), or null when it has none. The order flow rounds the quantities it works out from fills to it, so
   * a float remainder (0.07139999999999999) is sent as the lots the venue holds (0.0714), not a lot short.
   */
  quantityStep?(symbol: string): Promise<number | null>;
  /**
   * The market's base and quote currencies. Optional (added in v1 without a version bump): with it, periodic
   * reconciliation on a spot venue checks the base balance against the deployment's fills.
   */
  fetchMarket?(symbol: string): Promise<BrokerMarket>;
  /** Releases connections; called once when the engine is disposed. */
  close?(): Promise<void>;
}

/** How a broker failure is to be handled. */
export type BrokerErrorKind =
  /** The outcome is unknown: the venue may have acted. Look the order up by client id before anything else. */
  | "transient"
  /** The venue refused it, and will again: do not retry. */
  | "rejected"
  /** The venue has no such order. */
  | "not_found";

/** Why a broker call failed, as precisely as the venue said. */
export type BrokerErrorReason =
  | "timeout"
  | "network"
  | "venue_unavailable"
  | "rate_limited"
  | "insufficient_balance"
  | "invalid_price"
  | "invalid_quantity"
  | "min_notional"
  | "duplicate_order"
  | "authentication"
  | "order_not_found"
  | "other";
