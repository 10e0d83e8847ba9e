import { MINUTE_MS } from "@candlewick/core/internal";
import type { SymbolFilters } from "../binance/symbol-filters.js";
import { lotFilterPasses } from "../binance/symbol-filters.js";
import type { CandleFeed } from "./candle-feed.js";
import { type Atoms, divAtoms, floorToStep, minAtoms, mulAtoms, numberToAtoms } from "./decimal.js";
import { isMarketable, isTriggeredAt, limitReachedIn, slippedPrice, triggerPriceIn } from "./fill-rule.js";
import type { EngineRejects, Ledger } from "./ledger.js";
import { isOpenStatus, isStopType, type NewOrder, type VenueOrder, type VenueTrade } from "./venue-order.js";

/** How the engine fills; amounts in atoms. */
export interface MatchingRules {
  readonly marketSlippageBps: number;
  /** Per symbol, the most base quantity one resting order may fill in one candle (undefined: no cap). */
  readonly maxQuantityPerCandle: (symbol: string) => Atoms | undefined;
  /** The most share of a candle's volume one resting order may fill (undefined: no cap). */
  readonly maxVolumeShare: number | undefined;
}

/**
 * The venue's order book for replayed candles: orders and the clock. Orders rest until a candle that opened after
 * them reaches their price; a candle is applied once the clock passes its close. What orders cost is the ledger's
 * (spot balances or USDⓈ-M margin); how refusals read is the venue's (`rejects`).
 */
export class MatchingEngine {
  readonly ledger: Ledger;
  readonly #rejects: EngineRejects;
  readonly #filters: ReadonlyMap<string, SymbolFilters>;
  readonly #feeds: ReadonlyMap<string, CandleFeed>;
  readonly #rules: MatchingRules;
  readonly #orders: VenueOrder[] = [];
  readonly #trades: VenueTrade[] = [];
  #now: number;
  /** Candles closing at or before this time have been applied. */
  #appliedUntil: number;
  #nextOrderId = 1000;
  #nextTradeId = 5000;

  constructor(
    filters: ReadonlyMap<string, SymbolFilters>,
    feeds: ReadonlyMap<string, CandleFeed>,
    ledger: Ledger,
    rejects: EngineRejects,
    rules: MatchingRules,
    startTime: number,
  ) {
    this.#filters = filters;
    this.#feeds = feeds;
    this.#rules = rules;
    this.ledger = ledger;
    this.#rejects = rejects;
    this.#now = startTime;
    this.#appliedUntil = startTime;
  }

  now(): number {
    return this.#now;
  }

  /** The close of the last candle at or before the current minute (the mark), or undefined before the data. */
  markPrice(symbol: string): Atoms | undefined {
    const feed = this.#feeds.get(symbol);
    if (feed === undefined) return undefined;
    const index = feed.firstAtOrAfter(Math.floor(this.#now / MINUTE_MS) * MINUTE_MS) - 1;
    return index < 0 ? undefined : numberToAtoms(feed.table.close[index]!);
  }

  /** Moves the clock forward to `time`, applying every candle that closes by then to the resting orders. */
  advanceTo(time: number): void {
    if (time <= this.#now) return;
    for (const [symbol, feed] of this.#feeds) {
      const resting = this.#orders.filter((order) => order.symbol === symbol && isOpenStatus(order.status));
      if (resting.length === 0) continue;
      const timestamps = feed.table.timestamp;
      for (let i = feed.firstAtOrAfter(this.#appliedUntil - MINUTE_MS); i < feed.table.length; i++) {
        const open = timestamps[i]!;
        if (open + MINUTE_MS <= this.#appliedUntil) continue;
        if (open + MINUTE_MS > time) break;
        for (const order of resting)
          if (isOpenStatus(order.status) && order.time <= open) this.#onCandle(order, feed, i);
      }
    }
    this.#now = time;
    this.#appliedUntil = time;
  }

  /** Places an order at the current time, or throws the Binance rejection. */
  place(request: NewOrder): VenueOrder {
    const filters = this.#filters.get(request.symbol)!;
    const feed = this.#feeds.get(request.symbol)!;
    const last = feed.lastClosedIndex(this.#now);
    if (last < 0) throw this.#rejects.marketClosed();
    const lastClose = numberToAtoms(feed.table.close[last]!);
    const { side, type } = request;
    if (
      request.clientOrderId !== "" &&
      this.#orders.some((o) => o.clientOrderId === request.clientOrderId && isOpenStatus(o.status))
    ) {
      throw this.#rejects.duplicateOrder();
    }
    const openCount = this.#orders.filter(
      (o) => o.symbol === request.symbol && isOpenStatus(o.status),
    ).length;
    if (type !== "MARKET" && filters.maxNumOrders !== undefined && openCount >= filters.maxNumOrders) {
      throw this.#rejects.maxNumOrders();
    }

    const marketPrice = slippedPrice(side, lastClose, this.#rules.marketSlippageBps, filters.price.tick);
    let quantity = request.quantity;
    if (type === "MARKET" && quantity === 0n) {
      // quoteOrderQty: as much base as the quote amount buys (or sells for) at the fill price, on the lot step.
      quantity = floorToStep(
        divAtoms(request.quoteOrderQty, marketPrice),
        filters.marketLot?.step || filters.lot.step,
      );
      if (!lotFilterPasses(filters.lot, quantity)) throw this.#rejects.lotSize();
    }
    // A stop-market order has no price: its value is taken at its stop, where it will fill.
    const reference =
      type === "MARKET"
        ? lastClose
        : type === "STOP_LOSS" || type === "TAKE_PROFIT"
          ? request.stopPrice
          : request.price;
    // USDⓈ-M exempts reduce-only orders from its minimum notional.
    if (
      filters.notional !== undefined &&
      !request.reduceOnly &&
      (type !== "MARKET" || filters.notional.applyMinToMarket)
    ) {
      const notional = mulAtoms(reference, quantity);
      if (notional < filters.notional.min || (type !== "MARKET" && notional > filters.notional.max)) {
        throw this.#rejects.notional(filters);
      }
    }
    if (isStopType(type) && isTriggeredAt(type, side, request.stopPrice, lastClose)) {
      throw this.#rejects.wouldTriggerImmediately();
    }
    if (type === "LIMIT_MAKER" && isMarketable(side, request.price, lastClose))
      throw this.#rejects.wouldMatch();

    // A market order reserves at the price it fills at; a stop-market one at its stop.
    const reservePrice =
      type === "MARKET"
        ? marketPrice
        : type === "STOP_LOSS" || type === "TAKE_PROFIT"
          ? request.stopPrice
          : request.price;
    const { locked, lockAsset } = this.ledger.reserve(request, quantity, reservePrice, filters);
    const order: VenueOrder = {
      ...request,
      orderId: this.#nextOrderId++,
      origQty: quantity,
      executedQty: 0n,
      cummulativeQuoteQty: 0n,
      status: "NEW",
      time: this.#now,
      updateTime: this.#now,
      workingTime: isStopType(type) ? -1 : this.#now,
      triggered: false,
      locked,
      lockAsset,
      fills: [],
    };
    this.#orders.push(order);

    const takes = type === "LIMIT" && isMarketable(side, request.price, lastClose);
    if (type === "MARKET") this.#fill(order, quantity, marketPrice, false, this.#now);
    else if (takes && request.timeInForce === "GTX") {
      // USDⓈ-M post-only: an order that would take is expired, not filled.
      this.#close(order, "EXPIRED", this.#now);
    } else if (takes) {
      // Takes liquidity at the market (the last close), which is at least as good as the limit.
      this.#fill(order, quantity, lastClose, false, this.#now);
    } else if (type === "LIMIT" && request.timeInForce !== "GTC" && request.timeInForce !== "GTX") {
      // IOC and FOK that cannot take expire.
      this.#close(order, "EXPIRED", this.#now);
    }
    return order;
  }

  /** Cancels an open order; throws Binance's -2011 when it is unknown or no longer open. */
  cancel(order: VenueOrder | undefined): VenueOrder {
    if (order === undefined || !isOpenStatus(order.status)) throw this.#rejects.unknownOrder();
    this.#close(order, "CANCELED", this.#now);
    return order;
  }

  /** The order by id or client id (the latest with that client id), on `symbol`. */
  find(
    symbol: string,
    orderId: number | undefined,
    clientOrderId: string | undefined,
  ): VenueOrder | undefined {
    for (let i = this.#orders.length - 1; i >= 0; i--) {
      const order = this.#orders[i]!;
      if (order.symbol !== symbol) continue;
      if (orderId !== undefined && order.orderId !== orderId) continue;
      if (clientOrderId !== undefined && order.clientOrderId !== clientOrderId) continue;
      return order;
    }
    return undefined;
  }

  orders(): readonly VenueOrder[] {
    return this.#orders;
  }

  trades(): readonly VenueTrade[] {
    return this.#trades;
  }

  #onCandle(order: VenueOrder, feed: CandleFeed, index: number): void {
    const { table } = feed;
    const openTime = table.timestamp[index]!;
    const closeTime = openTime + MINUTE_MS - 1;
    const high = numberToAtoms(table.high[index]!);
    const low = numberToAtoms(table.low[index]!);
    const filters = this.#filters.get(order.symbol)!;
    const cap = this.#capFor(order.symbol, table.volume[index]!, filters);
    if (isStopType(order.type) && !order.triggered) {
      const open = numberToAtoms(table.open[index]!);
      const at = triggerPriceIn(order.type, order.side, order.stopPrice, open, high, low);
      if (at === undefined) return;
      order.triggered = true;
      order.workingTime = openTime;
      order.updateTime = openTime;
      if (order.type === "STOP_LOSS" || order.type === "TAKE_PROFIT") {
        this.#fill(
          order,
          order.origQty - order.executedQty,
          slippedPrice(order.side, at, this.#rules.marketSlippageBps, filters.price.tick),
          false,
          closeTime,
        );
        return;
      }
      // A stop-limit becomes a limit order at the trigger: it takes at the trigger price when that is marketable.
      if (isMarketable(order.side, order.price, at)) this.#fillCapped(order, cap, at, false, closeTime);
      return;
    }
    if (limitReachedIn(order.side, order.price, high, low))
      this.#fillCapped(order, cap, order.price, true, closeTime);
  }

  #fillCapped(order: VenueOrder, cap: Atoms | undefined, price: Atoms, isMaker: boolean, time: number): void {
    const remaining = order.origQty - order.executedQty;
    const quantity = cap === undefined ? remaining : minAtoms(remaining, cap);
    if (quantity > 0n) this.#fill(order, quantity, price, isMaker, time);
  }

  #capFor(symbol: string, volume: number, filters: SymbolFilters): Atoms | undefined {
    let cap = this.#rules.maxQuantityPerCandle(symbol);
    const share = this.#rules.maxVolumeShare;
    if (share !== undefined) {
      const byVolume = numberToAtoms(volume * share);
      cap = cap === undefined ? byVolume : minAtoms(cap, byVolume);
    }
    return cap === undefined ? undefined : floorToStep(cap, filters.lot.step);
  }

  #fill(order: VenueOrder, quantity: Atoms, price: Atoms, isMaker: boolean, time: number): void {
    const filters = this.#filters.get(order.symbol)!;
    const settled = this.ledger.settle(order, quantity, price, isMaker, filters);
    if (settled === undefined) {
      this.#close(order, "EXPIRED", time);
      return;
    }
    const { commission, commissionAsset, realizedPnl } = settled;
    const quoteQty = mulAtoms(price, quantity);
    const trade: VenueTrade = {
      id: this.#nextTradeId++,
      orderId: order.orderId,
      symbol: order.symbol,
      price,
      qty: quantity,
      quoteQty,
      commission,
      commissionAsset,
      time,
      isBuyer: order.side === "BUY",
      isMaker,
      realizedPnl,
    };
    this.#trades.push(trade);
    order.fills.push(trade);
    order.executedQty += quantity;
    order.cummulativeQuoteQty += quoteQty;
    order.updateTime = time;
    if (order.executedQty === order.origQty) this.#close(order, "FILLED", time);
    else order.status = "PARTIALLY_FILLED";
  }

  #close(order: VenueOrder, status: "FILLED" | "CANCELED" | "EXPIRED", time: number): void {
    this.ledger.release(order);
    order.status = status;
    order.updateTime = time;
  }
}
