import type { ClosedResult, PositionFill } from "@candlewick/core";
import type { VenueEmulator, VenueOrderSnapshot } from "@candlewick/venue-emulator";
import { expect } from "vitest";
import { commissionOf, type Execution } from "./expected-venue.js";

/** A protective order's client id ends in `-s<n>` (stop) or `-t<n>` (target): architecture/live.md. */
export const isProtectiveId = (clientOrderId: string | undefined): boolean =>
  clientOrderId !== undefined && /-[st]\d+$/.test(clientOrderId);

/** The venue's orders of the rows' own legs (entries, adds, exits, closes), in placement order. */
export const legOrders = (venue: VenueEmulator): VenueOrderSnapshot[] =>
  venue.orders().filter((order) => !isProtectiveId(order.clientOrderId));

/** The venue's resting protective orders (stops), in placement order. */
export const stopOrders = (venue: VenueEmulator): VenueOrderSnapshot[] =>
  venue.orders().filter((order) => isProtectiveId(order.clientOrderId));

const close = (value: number) => expect.closeTo(value, 8);

/**
 * The closed result a run on the venue must give, worked out by hand from the paper run's (same decisions) and the
 * venue's executions of its legs (entries, then exits, in the row's order; each already checked against the
 * candles by the caller): every fill takes the execution's price as `price` and `fillPrice`, its quantity, the
 * value price × quantity and the venue's commission (0.1% rounded half up to 1e-8); the PnL is the long's
 * Σ exit value − Σ entry value − fees, over the invested Σ entry value. The peak and trough stay the fill model's
 * estimates, measured from the entry the row held then (architecture/live.md): not compared.
 */
export function venueFedTrade(paper: ClosedResult, executions: readonly Execution[]): unknown {
  const legs = [...paper.signal.entries, ...paper.signal.exits];
  expect(executions).toHaveLength(legs.length);
  const fed = legs.map((fill, i): PositionFill => {
    const { price, quantity } = executions[i]!;
    return {
      ...fill,
      price,
      fillPrice: price,
      quantity,
      value: price * quantity,
      fee: commissionOf(price, quantity),
    };
  });
  const entries = fed.slice(0, paper.signal.entries.length);
  const exits = fed.slice(paper.signal.entries.length);
  const sum = (fills: readonly PositionFill[], of: (fill: PositionFill) => number) =>
    fills.reduce((total, fill) => total + of(fill), 0);
  const invested = sum(entries, (f) => f.value);
  const fees = sum(fed, (f) => f.fee);
  const pnlCost = sum(exits, (f) => f.value) - invested - fees;
  const closeFill = (fill: PositionFill) => ({
    ...fill,
    price: close(fill.price),
    fillPrice: close(fill.fillPrice),
    value: close(fill.value),
    fee: close(fill.fee),
  });
  const priceOpen = invested / sum(entries, (f) => f.quantity);
  return {
    ...paper,
    signal: {
      ...paper.signal,
      entries: entries.map(closeFill),
      exits: exits.map(closeFill),
      priceOpen: close(priceOpen),
    },
    pnl: {
      ...paper.pnl,
      fees: close(fees),
      invested: close(invested),
      pnlCost: close(pnlCost),
      pnlPercentage: close((pnlCost / invested) * 100),
      priceOpen: close(priceOpen),
      priceClose: close(exits.at(-1)!.price),
      peakPercentage: expect.any(Number),
      troughPercentage: expect.any(Number),
    },
  };
}
