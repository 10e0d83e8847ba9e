import type { SymbolFilters } from "../binance/symbol-filters.js";
import { type Atoms, minAtoms, mulAtoms } from "./decimal.js";
import type { Ledger, Reservation, Settlement } from "./ledger.js";
import type { NewOrder, VenueOrder } from "./venue-order.js";

/** One symbol's one-way position: `amount` signed (long > 0, short < 0), `entryPrice` its average, in atoms. */
export interface MarginPosition {
  amount: Atoms;
  entryPrice: Atoms;
  updateTime: number;
}

/** Fees and margin rules of the USDⓈ-M account; rates in atoms. */
export interface MarginRules {
  readonly takerFee: Atoms;
  readonly makerFee: Atoms;
  /** Leverage of every symbol until `setLeverage` changes it. */
  readonly leverage: number;
  /** Maintenance margin rate of the one bracket modelled (0.004 = 0.4%). */
  readonly maintMarginRate: Atoms;
}

/** The refusals the margin account raises, in the venue's codes. */
export interface MarginRejects {
  insufficientMargin(): Error;
  reduceOnlyRejected(): Error;
}

/** The account's totals as `GET /fapi/v3/account` reports them, in atoms. */
export interface MarginTotals {
  readonly walletBalance: Atoms;
  readonly unrealizedProfit: Atoms;
  readonly marginBalance: Atoms;
  readonly positionInitialMargin: Atoms;
  readonly openOrderInitialMargin: Atoms;
  readonly initialMargin: Atoms;
  readonly maintMargin: Atoms;
  readonly availableBalance: Atoms;
}

/**
 * The USDⓈ-M account model: one margin asset (USDT) in cross margin, one-way positions per symbol at a fixed
 * leverage. An order locks the initial margin of the part that opens or grows a position (price × quantity ÷
 * leverage; a reduce-only order locks none) and is refused when that exceeds the available balance. A fill pays
 * its commission from the wallet, moves the position (a weighted entry price when it grows; the entry kept when it
 * shrinks) and books the realised PnL into the wallet. Unrealised PnL is at the mark: the last candle's close.
 */
export class MarginAccount implements Ledger {
  readonly asset: string;
  #wallet: Atoms;
  #orderMargin = 0n;
  readonly #rules: MarginRules;
  readonly #positions = new Map<string, MarginPosition>();
  readonly #leverage = new Map<string, number>();
  readonly #mark: (symbol: string) => Atoms | undefined;
  readonly #now: () => number;
  readonly #rejects: MarginRejects;

  constructor(
    asset: string,
    wallet: Atoms,
    rules: MarginRules,
    mark: (symbol: string) => Atoms | undefined,
    now: () => number,
    rejects: MarginRejects,
  ) {
    this.asset = asset;
    this.#wallet = wallet;
    this.#rules = rules;
    this.#mark = mark;
    this.#now = now;
    this.#rejects = rejects;
  }

  /** The position of `symbol` (flat when it never traded). */
  position(symbol: string): MarginPosition {
    let position = this.#positions.get(symbol);
    if (position === undefined) {
      position = { amount: 0n, entryPrice: 0n, updateTime: 0 };
      this.#positions.set(symbol, position);
    }
    return position;
  }

  /** Symbols that ever held a position, sorted. */
  symbols(): string[] {
    return [...this.#positions.keys()].sort();
  }

  leverageOf(symbol: string): number {
    return this.#leverage.get(symbol) ?? this.#rules.leverage;
  }

  setLeverage(symbol: string, leverage: number): void {
    this.#leverage.set(symbol, leverage);
  }

  get maintMarginRate(): Atoms {
    return this.#rules.maintMarginRate;
  }

  /** The mark of `symbol`, or the entry price when there is none yet. */
  markOf(symbol: string): Atoms {
    return this.#mark(symbol) ?? this.position(symbol).entryPrice;
  }

  /** Signed notional at the mark. */
  notional(symbol: string): Atoms {
    return mulAtoms(this.markOf(symbol), this.position(symbol).amount);
  }

  unrealizedProfit(symbol: string): Atoms {
    const { amount, entryPrice } = this.position(symbol);
    return mulAtoms(this.markOf(symbol) - entryPrice, amount);
  }

  /** Initial margin of the position: |notional| ÷ leverage, rounded up to atoms. */
  positionMargin(symbol: string): Atoms {
    return ceilDiv(abs(this.notional(symbol)), BigInt(this.leverageOf(symbol)));
  }

  maintMargin(symbol: string): Atoms {
    return mulAtoms(abs(this.notional(symbol)), this.#rules.maintMarginRate);
  }

  totals(): MarginTotals {
    let unrealizedProfit = 0n;
    let positionInitialMargin = 0n;
    let maintMargin = 0n;
    for (const symbol of this.#positions.keys()) {
      unrealizedProfit += this.unrealizedProfit(symbol);
      positionInitialMargin += this.positionMargin(symbol);
      maintMargin += this.maintMargin(symbol);
    }
    const marginBalance = this.#wallet + unrealizedProfit;
    const initialMargin = positionInitialMargin + this.#orderMargin;
    return {
      walletBalance: this.#wallet,
      unrealizedProfit,
      marginBalance,
      positionInitialMargin,
      openOrderInitialMargin: this.#orderMargin,
      initialMargin,
      maintMargin,
      availableBalance: marginBalance - initialMargin,
    };
  }

  reserve(request: NewOrder, quantity: Atoms, price: Atoms, _filters: SymbolFilters): Reservation {
    const { amount } = this.position(request.symbol);
    const signed = request.side === "BUY" ? quantity : -quantity;
    if (request.reduceOnly) {
      if (!reduces(amount, signed)) throw this.#rejects.reduceOnlyRejected();
      return { locked: 0n, lockAsset: this.asset };
    }
    const opening = amount === 0n || sameSign(amount, signed) ? quantity : maxZero(quantity - abs(amount));
    const locked = ceilDiv(mulAtoms(price, opening), BigInt(this.leverageOf(request.symbol)));
    if (locked > this.totals().availableBalance) throw this.#rejects.insufficientMargin();
    this.#orderMargin += locked;
    return { locked, lockAsset: this.asset };
  }

  settle(order: VenueOrder, quantity: Atoms, price: Atoms, isMaker: boolean): Settlement | undefined {
    const position = this.position(order.symbol);
    const signed = order.side === "BUY" ? quantity : -quantity;
    // A reduce-only order left resting after its position shrank would now grow or flip it: it expires.
    if (order.reduceOnly && !reduces(position.amount, signed)) return undefined;
    const remaining = order.origQty - order.executedQty;
    const share = quantity === remaining ? order.locked : (order.locked * quantity) / remaining;
    order.locked -= share;
    this.#orderMargin -= share;
    const commission = mulAtoms(
      mulAtoms(price, quantity),
      isMaker ? this.#rules.makerFee : this.#rules.takerFee,
    );
    const realizedPnl = this.#move(position, signed, price);
    this.#wallet += realizedPnl - commission;
    return { commission, commissionAsset: this.asset, realizedPnl };
  }

  release(order: VenueOrder): void {
    this.#orderMargin -= order.locked;
    order.locked = 0n;
  }

  /** Applies a signed fill to the position; returns the PnL it realised. */
  #move(position: MarginPosition, signed: Atoms, price: Atoms): Atoms {
    position.updateTime = this.#now();
    const { amount, entryPrice } = position;
    if (amount === 0n || sameSign(amount, signed)) {
      // Grows: the entry is the quantity-weighted average, rounded half up to atoms.
      const total = abs(amount) + abs(signed);
      position.entryPrice = roundDiv(abs(amount) * entryPrice + abs(signed) * price, total);
      position.amount = amount + signed;
      return 0n;
    }
    const closing = minAtoms(abs(signed), abs(amount));
    const realized = mulAtoms(price - entryPrice, amount > 0n ? closing : -closing);
    position.amount = amount + signed;
    if (position.amount === 0n) position.entryPrice = 0n;
    // Flipped: what is left of the fill opens the other side at its price.
    else if (!sameSign(position.amount, amount)) position.entryPrice = price;
    return realized;
  }
}

const abs = (value: Atoms): Atoms => (value < 0n ? -value : value);
const maxZero = (value: Atoms): Atoms => (value < 0n ? 0n : value);
const sameSign = (a: Atoms, b: Atoms): boolean => (a > 0n && b > 0n) || (a < 0n && b < 0n);
/** Whether a signed fill only reduces a position: against it, and no larger. */
const reduces = (amount: Atoms, signed: Atoms): boolean =>
  amount !== 0n && !sameSign(amount, signed) && abs(signed) <= abs(amount);
const ceilDiv = (a: Atoms, b: bigint): Atoms => (a + b - 1n) / b;
const roundDiv = (a: bigint, b: bigint): Atoms => (a + b / 2n) / b;
