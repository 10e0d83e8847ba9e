/**
 * What the order-crash tests check at the venue and in the stored state after a chain of killed and restarted
 * children, against an uninterrupted run on a venue of its own.
 */
import type { LiveState } from "@candlewick/core";
import type { VenueEmulator } from "@candlewick/venue-emulator";
import type { OrderChain } from "./order-crash-harness.js";
import { KILL_KINDS, type KillKind } from "./order-scenario.js";
import { stateHash } from "./position-scenario.js";

/** A fill as the venue recorded it, named by the client order id of its order (venue ids differ between venues). */
export interface VenueFill {
  readonly clientOrderId: string;
  readonly side: "buy" | "sell";
  readonly price: string;
  readonly quantity: string;
  readonly commission: string;
  readonly commissionAsset: string;
  readonly time: number;
}

/** The venue's side of a run's outcome. */
export interface VenueOutcome {
  /** Client order ids placed more than once (one leg of one signal is one client id: a leg placed twice). */
  readonly duplicates: string[];
  /** Orders still open (NEW or PARTIALLY_FILLED) at the end: orphans, since the run has ended. */
  readonly openOrders: string[];
  /** Every order but the planted orphans: client id, status, executed quantity. */
  readonly orders: string[];
  readonly fills: VenueFill[];
  readonly balances: Record<string, { free: string; locked: string }>;
}

export function venueOutcome(venue: VenueEmulator, orphans: readonly string[] = []): VenueOutcome {
  const orders = venue.orders();
  const count = new Map<string, number>();
  for (const order of orders) count.set(order.clientOrderId, (count.get(order.clientOrderId) ?? 0) + 1);
  const clientIdOf = new Map(orders.map((order) => [order.orderId, order.clientOrderId]));
  const planted = new Set(orphans);
  return {
    duplicates: [...count].filter(([, n]) => n > 1).map(([id]) => id),
    openOrders: orders
      .filter((order) => order.status === "NEW" || order.status === "PARTIALLY_FILLED")
      .map((order) => order.clientOrderId),
    orders: orders
      .filter((order) => !planted.has(order.clientOrderId))
      .map((order) => `${order.clientOrderId} ${order.side} ${order.status} ${order.executedQty}`),
    fills: venue.trades().map((trade) => ({
      clientOrderId: clientIdOf.get(trade.orderId) ?? "?",
      side: trade.isBuyer ? "buy" : "sell",
      price: trade.price,
      quantity: trade.qty,
      commission: trade.commission,
      commissionAsset: trade.commissionAsset,
      time: trade.time,
    })),
    balances: venue.balances(),
  };
}

/** Kill points that landed, per kind (an in-flight DELETE counts as a cancel, and as in flight). */
export type KillCounts = Record<KillKind, number>;

export interface ChainSummary {
  readonly killPoints: number;
  readonly perKind: KillCounts;
  readonly restarts: number;
  readonly orphansPlanted: number;
  /** Kills inside a cancel-and-replace of a resting protection (`killedMidReplacement`). */
  readonly midReplacement: number;
}

export function summarizeChain(chain: OrderChain, midReplacement = 0): ChainSummary {
  const perKind = Object.fromEntries(KILL_KINDS.map((kind) => [kind, 0])) as KillCounts;
  let killPoints = 0;
  for (const run of chain.runs) {
    if (run.signal !== "SIGKILL" || run.killedAt === null) continue;
    killPoints++;
    const kind = run.killedAt.split(":")[0] as KillKind | "in flight";
    if (kind === "in flight") {
      perKind["in-flight"]++;
      if (run.killedAt.includes("DELETE")) perKind.cancel++;
    } else {
      perKind[kind]++;
    }
  }
  return {
    killPoints,
    perKind,
    restarts: chain.runs.length - 1,
    orphansPlanted: chain.orphans.length,
    midReplacement,
  };
}

/** The final stored state's position and account, hashed (see `stateHash`), with its phase and open intents. */
export function finalStateOf(state: LiveState): { phase: string; hash: string; unsettled: number } {
  const unsettled = (state.orders ?? []).filter(
    (intent) => intent.status === "pending" || intent.status === "sent" || intent.status === "open",
  ).length;
  return { phase: state.runner.phase, hash: stateHash(state), unsettled };
}
