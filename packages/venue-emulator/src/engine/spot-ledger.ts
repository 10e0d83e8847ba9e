import type { SymbolFilters } from "../binance/symbol-filters.js";
import { Account } from "./account.js";
import { type Atoms, maxAtoms, minAtoms, mulAtoms } from "./decimal.js";
import type { Ledger, Reservation, Settlement } from "./ledger.js";
import type { NewOrder, VenueOrder } from "./venue-order.js";

/** How spot commissions are charged; rates in atoms. */
export interface SpotFees {
  readonly takerFee: Atoms;
  readonly makerFee: Atoms;
  /** "quote": every commission in the quote asset; "received": in the asset received (Binance's default). */
  readonly commissionAsset: "quote" | "received";
}

/**
 * The spot account model: a buy locks its quote at its price (plus the larger commission when commissions are in
 * quote), a sell its base quantity; fills spend the lock and credit the other asset minus the commission.
 */
export class SpotLedger implements Ledger {
  readonly account: Account;
  readonly #fees: SpotFees;
  readonly #insufficient: () => Error;

  constructor(balances: Iterable<[string, Atoms]>, fees: SpotFees, insufficient: () => Error) {
    this.account = new Account(balances);
    this.#fees = fees;
    this.#insufficient = insufficient;
  }

  reserve(request: NewOrder, quantity: Atoms, price: Atoms, filters: SymbolFilters): Reservation {
    const lockAsset = request.side === "BUY" ? filters.quoteAsset : filters.baseAsset;
    const maxFee = maxAtoms(this.#fees.takerFee, this.#fees.makerFee);
    const locked = request.side === "BUY" ? this.#buyCost(price, quantity, maxFee) : quantity;
    if (!this.account.lock(lockAsset, locked)) throw this.#insufficient();
    return { locked, lockAsset };
  }

  settle(
    order: VenueOrder,
    quantity: Atoms,
    price: Atoms,
    isMaker: boolean,
    filters: SymbolFilters,
  ): Settlement | undefined {
    const rate = isMaker ? this.#fees.makerFee : this.#fees.takerFee;
    const quoteQty = mulAtoms(price, quantity);
    const inQuote = this.#fees.commissionAsset === "quote" || order.side === "SELL";
    const commission = mulAtoms(inQuote ? quoteQty : quantity, rate);
    const commissionAsset = inQuote ? filters.quoteAsset : filters.baseAsset;
    if (order.side === "BUY") {
      const cost = quoteQty + (inQuote ? commission : 0n);
      const fromLocked = minAtoms(cost, order.locked);
      // A triggered stop-market buy that fills above its stop may cost more than it reserved.
      if (cost - fromLocked > this.account.get(order.lockAsset).free) return undefined;
      this.account.spend(order.lockAsset, fromLocked, cost - fromLocked);
      order.locked -= fromLocked;
      this.account.credit(filters.baseAsset, inQuote ? quantity : quantity - commission);
    } else {
      this.account.spend(order.lockAsset, quantity, 0n);
      order.locked -= quantity;
      this.account.credit(filters.quoteAsset, quoteQty - commission);
    }
    return { commission, commissionAsset, realizedPnl: 0n };
  }

  release(order: VenueOrder): void {
    if (order.locked > 0n) this.account.unlock(order.lockAsset, order.locked);
    order.locked = 0n;
  }

  #buyCost(price: Atoms, quantity: Atoms, feeRate: Atoms): Atoms {
    const notional = mulAtoms(price, quantity);
    return this.#fees.commissionAsset === "quote" ? notional + mulAtoms(notional, feeRate) : notional;
  }
}
