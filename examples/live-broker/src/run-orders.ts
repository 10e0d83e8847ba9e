import { createHash } from "node:crypto";

/** One line of `candlewick live --json`: the fields this example reads. */
export interface LiveEventLine {
  readonly action: "scheduled" | "opened" | "closed" | "cancelled";
  readonly timestamp: number;
  readonly closeReason?: string;
  readonly signal: {
    readonly id: string;
    readonly position: "long" | "short";
    readonly entries: readonly { readonly quantity: number; readonly fillPrice: number }[];
    readonly exits: readonly { readonly quantity: number; readonly fillPrice: number }[];
  };
}

/** An order the run decided, as the venue should hold it. */
export interface RunOrder {
  readonly clientOrderId: string;
  readonly side: "BUY" | "SELL";
  /** The run's quantity cut to the market's lot step, as the broker sends it: 8 decimals, as the venue prints it. */
  readonly quantity: string;
  /** The replayed minute the run was at when it decided the order. */
  readonly time: number;
  /** The run's fill price (its fill model). */
  readonly price: number;
  readonly why: string;
}

/** Binance's BTCUSDT lot step (LOT_SIZE stepSize in exchangeInfo). */
const LOT_STEP = 0.00001;

/**
 * The orders a run's printed trades imply, worked out here from the documented id scheme, not with Candlewick's
 * code: `<prefix><first 20 hex of sha256(signal id)>-<leg>`, `e` for the entry and `c` for the final close. One
 * entry and one close per signal (this strategy neither adds nor exits in parts).
 */
export function ordersOfRun(events: readonly LiveEventLine[], prefix = "cw"): RunOrder[] {
  const orders: RunOrder[] = [];
  for (const event of events) {
    const { signal } = event;
    const id = `${prefix}${createHash("sha256").update(signal.id).digest("hex").slice(0, 20)}`;
    const long = signal.position === "long";
    if (event.action === "opened") {
      const [entry] = signal.entries;
      if (entry === undefined) throw new Error(`opened signal ${signal.id} has no entry fill`);
      orders.push({
        clientOrderId: `${id}-e`,
        side: long ? "BUY" : "SELL",
        quantity: toLot(entry.quantity),
        time: event.timestamp,
        price: entry.fillPrice,
        why: "entry",
      });
    } else if (event.action === "closed") {
      const exit = signal.exits.at(-1);
      if (exit === undefined) throw new Error(`closed signal ${signal.id} has no exit fill`);
      orders.push({
        clientOrderId: `${id}-c`,
        side: long ? "SELL" : "BUY",
        quantity: toLot(exit.quantity),
        time: event.timestamp,
        price: exit.fillPrice,
        why: `close (${event.closeReason})`,
      });
    }
  }
  return orders;
}

/** Truncated to the lot step (0.00095306 → "0.00095000"). */
function toLot(quantity: number): string {
  return (Math.floor(quantity / LOT_STEP + 1e-9) * LOT_STEP).toFixed(8);
}
