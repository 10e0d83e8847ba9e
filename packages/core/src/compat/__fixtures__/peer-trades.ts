import { readFileSync } from "node:fs";
import type { ClosedResult } from "@candlewick/core";

/** One trade line of backtest-kit's output (see README.md here). */
export interface PeerTrade {
  readonly openTime: string;
  readonly closeTime: string;
  readonly position: "long" | "short";
  readonly priceOpen: number;
  readonly priceClose: number;
  readonly priceTakeProfit: number;
  readonly priceStopLoss: number;
  readonly closeReason: string;
  readonly pnlPercent: number;
}

/** The trades of one reference file, in close order, and the trade count its summary line states. */
export function readPeerTrades(file: string): { trades: PeerTrade[]; summaryTrades: number } {
  const lines = readFileSync(new URL(file, import.meta.url), "utf8").trim().split("\n");
  const rows = lines.map((line) => JSON.parse(line) as { type: string; trades?: number } & PeerTrade);
  const summary = rows.find((row) => row.type === "summary");
  return {
    trades: rows.filter((row) => row.type === "trade"),
    summaryTrades: summary?.trades ?? Number.NaN,
  };
}

/** Our closed trade in the peer's shape. */
export function toPeerShape(result: ClosedResult): PeerTrade {
  return {
    openTime: new Date(result.signal.pendingAt).toISOString(),
    closeTime: new Date(result.closeTimestamp).toISOString(),
    position: result.signal.position,
    priceOpen: result.pnl.priceOpen,
    priceClose: result.pnl.priceClose,
    priceTakeProfit: result.signal.priceTakeProfit,
    priceStopLoss: result.signal.priceStopLoss,
    closeReason: result.closeReason,
    pnlPercent: result.pnl.pnlPercentage,
  };
}

const TOLERANCE = 1e-6;
const PRICE_FIELDS = ["priceOpen", "priceClose", "priceTakeProfit", "priceStopLoss"] as const;

/** The fields in which two trades differ: prices to 1e-6 relative, PnL (already a percent) to 1e-6 absolute. */
export function differences(ours: PeerTrade, theirs: PeerTrade): string[] {
  const out: string[] = [];
  for (const field of ["openTime", "closeTime", "position", "closeReason"] as const) {
    if (ours[field] !== theirs[field]) out.push(`${field} ${ours[field]} vs ${theirs[field]}`);
  }
  for (const field of PRICE_FIELDS) {
    if (Math.abs(ours[field] - theirs[field]) > TOLERANCE * Math.abs(theirs[field])) {
      out.push(`${field} ${ours[field]} vs ${theirs[field]}`);
    }
  }
  if (Math.abs(ours.pnlPercent - theirs.pnlPercent) > TOLERANCE) {
    out.push(`pnlPercent ${ours.pnlPercent} vs ${theirs.pnlPercent}`);
  }
  return out;
}

/** Pairs trades by their open time and counts the identical ones; lists every mismatch, missing and extra trade. */
export function compareTrades(
  ours: readonly PeerTrade[],
  theirs: readonly PeerTrade[],
): { identical: number; report: string[] } {
  const byOpen = new Map(theirs.map((trade) => [trade.openTime, trade]));
  const seen = new Set<string>();
  const report: string[] = [];
  let identical = 0;
  for (const trade of ours) {
    const peer = byOpen.get(trade.openTime);
    if (peer === undefined) {
      report.push(`extra: ${trade.position} opened ${trade.openTime}, closed ${trade.closeTime} (${trade.closeReason})`);
      continue;
    }
    seen.add(trade.openTime);
    const diff = differences(trade, peer);
    if (diff.length === 0) identical++;
    else report.push(`differs: opened ${trade.openTime}: ${diff.join("; ")}`);
  }
  for (const peer of theirs) {
    if (!seen.has(peer.openTime)) {
      report.push(`missing: ${peer.position} opened ${peer.openTime}, closed ${peer.closeTime} (${peer.closeReason})`);
    }
  }
  return { identical, report };
}
