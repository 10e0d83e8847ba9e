import type { ClosedResult, PositionFill } from "candlewick";

/**
 * Examples are CI checks: each one states what its feature must have done, and exits non-zero when it did not
 * (an example that prints numbers for a feature that never fired would pass unnoticed).
 */
export function check(condition: boolean, what: string): void {
  if (!condition) {
    console.error(`FAILED: ${what}`);
    process.exit(1);
  }
  console.log(`ok: ${what}`);
}

/** `a` and `b` agree to `tolerance` (absolute). */
export function near(a: number, b: number, tolerance: number): boolean {
  return Math.abs(a - b) <= tolerance;
}

export const quote = (value: number): string => `${value >= 0 ? "+" : ""}${value.toFixed(2)}`;

export const time = (timestamp: number): string =>
  new Date(timestamp).toISOString().slice(5, 16).replace("T", " ");

/** One line per fill: when, side, why, price (raw and slipped), quantity, value and fee. */
export function printFills(trade: ClosedResult): void {
  const { signal } = trade;
  const fills: PositionFill[] = [...signal.entries, ...signal.exits];
  console.log(`  ${signal.position} ${signal.id}`);
  for (const fill of fills) {
    console.log(
      `    ${time(fill.timestamp)}  ${fill.side.padEnd(5)} ${fill.reason.padEnd(18)} ${fill.price.toFixed(2).padStart(9)} → ${fill.fillPrice.toFixed(2).padStart(9)}  qty ${fill.quantity.toFixed(8)}  value ${fill.value.toFixed(2).padStart(8)}  fee ${fill.fee.toFixed(2)}`,
    );
  }
  console.log(
    `    PnL ${quote(trade.pnl.pnlCost)} quote (${trade.pnl.pnlPercentage.toFixed(3)}%), ${trade.closeReason}`,
  );
}

/** One line per move of the stop or the take-profit. */
export function printLevelChanges(trade: ClosedResult): void {
  for (const change of trade.signal.levelChanges) {
    console.log(
      `    ${time(change.timestamp)}  ${change.level} ${change.from.toFixed(2)} → ${change.to.toFixed(2)} (${change.cause})`,
    );
  }
}

/** Σ PnL in quote of the trades. */
export function totalPnl(trades: readonly ClosedResult[]): number {
  return trades.reduce((sum, trade) => sum + trade.pnl.pnlCost, 0);
}
