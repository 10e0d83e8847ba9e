import { createHash } from "node:crypto";

/** One line of `candlewick live --json`: the fields this example reads. */
export interface LiveEventLine {
  readonly action: "scheduled" | "opened" | "closed" | "cancelled";
  readonly timestamp: number;
  readonly closeReason?: string;
  readonly signal: {
    readonly id: string;
    readonly position: "long" | "short";
    readonly priceStopLoss: number;
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
  /** The run's fill price (the venue's, as the row took it), or null for a stop that did not fill. */
  readonly price: number | null;
  readonly why: string;
  /** How the venue should hold it at the end. */
  readonly status: "FILLED" | "CANCELED" | "NEW";
  /** A resting stop's trigger: the row's stop-loss at the market's 0.01 tick. */
  readonly stopPrice?: number;
}

/** Binance's BTCUSDT lot step (LOT_SIZE stepSize in exchangeInfo). */
const LOT_STEP = 0.00001;

/**
 * The orders a run's printed trades imply, worked out here from the documented id scheme and the protective-order
 * rules (architecture/live.md), not with Candlewick's code: `<prefix><first 20 hex of sha256(signal id)>-<leg>`,
 * `e` for the entry, `s1` for the stop that rests on Binance spot from the entry's tick (a STOP_LOSS sell of what
 * the entry bought, at the row's stop) and `c` for the final close. This strategy neither adds, exits in parts nor
 * moves its stop, so each position has one stop, `s1`: cancelled before a market close, or filled when the close
 * is the stop-loss (then the close adopts the stop's fill and has no order of its own); still resting when the
 * replay ends with the position open.
 */
export function ordersOfRun(events: readonly LiveEventLine[], prefix = "cw"): RunOrder[] {
  const orders: RunOrder[] = [];
  const stops = new Map<string, RunOrder>();
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
        status: "FILLED",
      });
      const stop: RunOrder = {
        clientOrderId: `${id}-s1`,
        side: long ? "SELL" : "BUY",
        quantity: toLot(0),
        time: event.timestamp,
        price: null,
        why: "stop (resting)",
        status: "NEW",
        stopPrice: Math.round(signal.priceStopLoss * 100) / 100,
      };
      orders.push(stop);
      stops.set(signal.id, stop);
    } else if (event.action === "closed") {
      const exit = signal.exits.at(-1);
      if (exit === undefined) throw new Error(`closed signal ${signal.id} has no exit fill`);
      const stop = stops.get(signal.id);
      const at = stop === undefined ? -1 : orders.indexOf(stop);
      if (event.closeReason === "stop_loss" && stop !== undefined) {
        orders[at] = {
          ...stop,
          quantity: toLot(exit.quantity),
          price: exit.fillPrice,
          why: "stop, filled: the close",
          status: "FILLED",
        };
        continue;
      }
      if (stop !== undefined)
        orders[at] = { ...stop, why: "stop, cancelled before the close", status: "CANCELED" };
      orders.push({
        clientOrderId: `${id}-c`,
        side: long ? "SELL" : "BUY",
        quantity: toLot(exit.quantity),
        time: event.timestamp,
        price: exit.fillPrice,
        why: `close (${event.closeReason})`,
        status: "FILLED",
      });
    }
  }
  return orders;
}

/** Truncated to the lot step (0.00095306 → "0.00095000"). */
function toLot(quantity: number): string {
  return (Math.floor(quantity / LOT_STEP + 1e-9) * LOT_STEP).toFixed(8);
}
