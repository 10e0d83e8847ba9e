import type { BrokerFill } from "../spec/broker.js";
import type { PositionFill } from "../spec/position.js";
import type { SignalRow } from "../spec/signal.js";
import { clientOrderIdOf } from "./client-order-id.js";
import { legOfFill, type OrderIntent, owesFills } from "./order-intent.js";

/**
 * Relative difference under which the venue's figures count as the fill model's own. The paper broker fills at
 * the fill model's price and computes its fee in another order of operations (a last-bit difference): within this,
 * the row keeps the fill model's numbers bit for bit, so paper trading stays identical to the backtest.
 */
const SAME = 1e-9;

/**
 * A fill's fee in the quote currency: as it is when charged in quote, times the fill's price when charged in the
 * base currency (spot buys on Binance without BNB), and null in a third currency (BNB), which the run has no
 * price for. The symbol's currencies are read from a unified symbol (`BTC/USDT`, `BTC/USDT:USDT`) or, for a
 * venue symbol (`BTCUSDT`), from which end the fee currency is.
 */
export function feeInQuote(fill: BrokerFill): number | null {
  const currency = fill.feeCurrency.toUpperCase();
  const symbol = fill.symbol.toUpperCase();
  if (fill.fee === 0) return 0;
  const [base, rest] = symbol.split("/");
  if (rest !== undefined) {
    const quote = rest.split(":")[0];
    if (currency === quote) return fill.fee;
    if (currency === base) return fill.fee * fill.price;
    return null;
  }
  if (currency === "" || symbol.endsWith(currency)) return fill.fee;
  if (symbol.startsWith(currency)) return fill.fee * fill.price;
  return null;
}

/**
 * The row fill the venue made of `intent`, or null when the model's fill stands: the order has not ended yet
 * (open, sent or pending: amended once it ends), it has no execution or not all of them yet, or the venue agrees
 * with the model. The
 * venue's fill has its executions' total quantity, their volume-weighted price as both `price` and `fillPrice`
 * (a venue fill has no modelled slippage: its price is what was paid) and their fees in quote (`feeInQuote`; a
 * fee in a third currency is counted at the model's fee rate on that execution's value). The time stays the
 * kernel's: the minute it decided the fill, which orders the row's fills and books its day.
 */
export function venueFillOf(model: PositionFill, intent: OrderIntent): PositionFill | null {
  if (intent.status !== "filled" && intent.status !== "cancelled") return null;
  // Not all of its executions are in yet (`owesFills`): a part of them is not the fill.
  if (intent.fills.length === 0 || owesFills(intent)) return null;
  let quantity = 0;
  let value = 0;
  let fee = 0;
  const modelRate = model.value > 0 ? model.fee / model.value : 0;
  for (const fill of intent.fills) {
    quantity += fill.quantity;
    value += fill.price * fill.quantity;
    fee += feeInQuote(fill) ?? fill.price * fill.quantity * modelRate;
  }
  const price = value / quantity;
  const near = (a: number, b: number) => Math.abs(a - b) <= SAME * Math.max(Math.abs(a), Math.abs(b), 1e-12);
  if (near(quantity, model.quantity) && near(price, model.fillPrice) && near(fee, model.fee)) return null;
  return {
    side: model.side,
    reason: model.reason,
    timestamp: model.timestamp,
    price,
    fillPrice: price,
    quantity,
    value,
    fee,
  };
}

/** A DCA add or a partial exit the venue refused: kept as a fill of nothing, so later legs keep their numbers. */
export function droppedFill(model: PositionFill): PositionFill {
  return { ...model, quantity: 0, value: 0, fee: 0 };
}

/** What the venue made of a row's fills: the amended lists, and the legs it refused. */
export interface RowFeedback {
  readonly entries: readonly PositionFill[];
  readonly exits: readonly PositionFill[];
  /** True when a fill differs from the row's. */
  readonly changed: boolean;
  /** The refused intent of the signal's entry, if it was refused. */
  readonly rejectedEntry: OrderIntent | null;
  /** The refused intent of the final close, if it was refused. */
  readonly rejectedClose: OrderIntent | null;
}

/**
 * The row's fills as the venue executed them (see `venueFillOf`); a refused add or partial exit becomes a fill
 * of nothing (`droppedFill`: the row drops it, the position is what the venue holds); a refused entry or close is
 * returned for the order flow to act on. `intentOf` finds an intent by client order id (the journal).
 */
export function rowFeedback(
  row: SignalRow,
  intentOf: (clientOrderId: string) => OrderIntent | undefined,
  prefix: string,
): RowFeedback {
  let changed = false;
  let rejectedEntry: OrderIntent | null = null;
  let rejectedClose: OrderIntent | null = null;
  const amend = (fill: PositionFill, index: number): PositionFill => {
    const leg = legOfFill(fill, index);
    const intent = intentOf(clientOrderIdOf(row.id, leg, prefix));
    if (intent === undefined) return fill;
    if (intent.status === "rejected") {
      if (leg.kind === "entry") rejectedEntry = intent;
      else if (leg.kind === "close") rejectedClose = intent;
      else if (fill.quantity !== 0) {
        changed = true;
        return droppedFill(fill);
      }
      return fill;
    }
    const venue = venueFillOf(fill, intent);
    if (venue === null || sameFill(venue, fill)) return fill;
    changed = true;
    return venue;
  };
  const entries = row.entries.map(amend);
  const exits = row.exits.map(amend);
  return { entries, exits, changed, rejectedEntry, rejectedClose };
}

function sameFill(a: PositionFill, b: PositionFill): boolean {
  return a.quantity === b.quantity && a.fillPrice === b.fillPrice && a.fee === b.fee && a.price === b.price;
}
