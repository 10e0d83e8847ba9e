import { positionTotals } from "../kernel/position/position-totals.js";
import { replayFills } from "../kernel/position/replay-fills.js";
import type { SignalRow } from "../spec/signal.js";
import type { CancelledResult, ClosedResult, LiveResult, VenueRejection } from "../spec/tick-result.js";
import type { OrderIntent } from "./order-intent.js";
import type { RowFeedback } from "./venue-fills.js";

/** The venue's reason for an intent it refused (or a rail stopped). */
export function rejectionOf(intent: OrderIntent): VenueRejection {
  return {
    reason: intent.rejection?.reason ?? "rejected",
    message: intent.rejection?.message ?? `order ${intent.clientOrderId} was rejected`,
  };
}

/** `row` with the venue's fills: the average entry and the held quantity recomputed from them. */
export function amendedRow(row: SignalRow, feedback: RowFeedback, closed: boolean): SignalRow {
  const book = replayFills(row.position, feedback.entries, feedback.exits);
  const entered = feedback.entries.reduce((sum, fill) => sum + fill.quantity, 0);
  // A closed row holds nothing: what float noise leaves of the quantity is dropped, as the runner does.
  const quantity = closed && Math.abs(book.quantity) <= entered * 1e-9 ? 0 : book.quantity;
  return {
    ...row,
    entries: feedback.entries,
    exits: feedback.exits,
    priceOpen: feedback.entries.length > 0 ? book.priceOpen : row.priceOpen,
    quantity,
  };
}

/**
 * A closed result recomputed from the venue's fills: the row, and the PnL from the fills alone (`positionTotals`,
 * the multi-fill formula: the fill model's closed-form round trip assumes its own fee and slippage). The peak and
 * trough stay the fill model's estimates (the venue does not say what a close at the best price would have paid).
 */
export function amendedClosed(event: ClosedResult, feedback: RowFeedback): ClosedResult {
  const signal = amendedRow(event.signal, feedback, true);
  const totals = positionTotals(signal.position, signal.entries, signal.exits);
  const last = signal.exits[signal.exits.length - 1];
  return {
    ...event,
    signal,
    pnl: {
      ...event.pnl,
      pnlPercentage: totals.pnlPercentage,
      priceOpen: signal.priceOpen,
      priceClose: last?.price ?? event.pnl.priceClose,
      pnlCost: totals.pnlCost,
      fees: totals.fees,
      invested: totals.invested,
    },
  };
}

/** A closed result whose entry the venue refused: there never was a position, so it ends as `entry_rejected`. */
export function rejectedEntryOf(event: ClosedResult, rejection: VenueRejection): CancelledResult {
  return {
    action: "cancelled",
    symbol: event.symbol,
    strategyName: event.strategyName,
    exchangeName: event.exchangeName,
    frameName: event.frameName,
    backtest: event.backtest,
    timestamp: event.timestamp,
    currentPrice: event.currentPrice,
    signal: { ...event.signal, entries: [], exits: [] },
    closeReason: "cancelled",
    cancelReason: "entry_rejected",
    closeTimestamp: event.closeTimestamp,
    pnl: {
      pnlPercentage: 0,
      priceOpen: event.signal.priceOpen,
      priceClose: event.pnl.priceClose,
      peakPercentage: 0,
      troughPercentage: 0,
      pnlCost: 0,
      fees: 0,
      invested: 0,
    },
    rejection,
  };
}

/** The event with its row amended (opened and closed results; the others carry no fills). */
export function amendedEvent(event: LiveResult, feedback: RowFeedback): LiveResult {
  if (event.action === "closed") return amendedClosed(event, feedback);
  if (event.action === "opened") return { ...event, signal: amendedRow(event.signal, feedback, false) };
  return event;
}
