import type { CandlewickError } from "@candlewick/core";
import type { SymbolFilters } from "../binance/symbol-filters.js";
import type { Atoms } from "./decimal.js";
import type { NewOrder, VenueOrder } from "./venue-order.js";

/** What an order reserves when it is placed. */
export interface Reservation {
  readonly locked: Atoms;
  readonly lockAsset: string;
}

/** How one fill is paid for: the commission, and the PnL it realised (spot: none). */
export interface Settlement {
  readonly commission: Atoms;
  readonly commissionAsset: string;
  readonly realizedPnl: Atoms;
}

/**
 * An account model under the matching engine: the engine decides when and at what price orders fill, the ledger
 * what they cost. Spot moves balances (`SpotLedger`); USDⓈ-M moves margin and positions (`MarginAccount`).
 */
export interface Ledger {
  /** What a new order locks at `price` for `quantity`; throws the venue's rejection when it cannot pay. */
  reserve(request: NewOrder, quantity: Atoms, price: Atoms, filters: SymbolFilters): Reservation;
  /**
   * Books a fill of `quantity` at `price`, taking from the order's lock (`order.locked` is reduced here).
   * Undefined when the fill cannot be booked: the engine then expires the order.
   */
  settle(
    order: VenueOrder,
    quantity: Atoms,
    price: Atoms,
    isMaker: boolean,
    filters: SymbolFilters,
  ): Settlement | undefined;
  /** Returns what is left of an order's lock (fill, cancel, expiry). */
  release(order: VenueOrder): void;
}

/** The venue's answers to what the engine refuses, in its own codes (spot -1013/-2010…, USDⓈ-M -4164/-4116…). */
export interface EngineRejects {
  marketClosed(): CandlewickError;
  duplicateOrder(): CandlewickError;
  maxNumOrders(): CandlewickError;
  lotSize(): CandlewickError;
  notional(filters: SymbolFilters): CandlewickError;
  wouldTriggerImmediately(): CandlewickError;
  wouldMatch(): CandlewickError;
  unknownOrder(): CandlewickError;
}
