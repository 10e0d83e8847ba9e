import { InvalidArgumentError } from "@candlewick/core";

/** What one sequence of trades did to an account that reinvests everything (returns compound). */
export interface PathStatistics {
  /** `(Π (1 + rᵢ/100) - 1) · 100`. */
  readonly finalReturnPct: number;
  /** The largest fall from a running peak of equity (the start counts as a peak), in percent of that peak. */
  readonly maxDrawdownPct: number;
  /** The most consecutive losing trades (return below 0). */
  readonly longestLosingStreak: number;
}

/**
 * The statistics of trades taken in the order given.
 * @param returnsPct Each trade's net return in percent (core's `pnl.pnlPercentage`), each >= -100.
 */
export function pathStatistics(returnsPct: readonly number[]): PathStatistics {
  let equity = 1;
  let peak = 1;
  let maxDrawdown = 0;
  let streak = 0;
  let longestStreak = 0;
  for (const returnPct of returnsPct) {
    equity *= 1 + returnPct / 100;
    if (equity > peak) peak = equity;
    maxDrawdown = Math.max(maxDrawdown, (peak - equity) / peak);
    streak = returnPct < 0 ? streak + 1 : 0;
    longestStreak = Math.max(longestStreak, streak);
  }
  return {
    finalReturnPct: (equity - 1) * 100,
    maxDrawdownPct: maxDrawdown * 100,
    longestLosingStreak: longestStreak,
  };
}

/**
 * Checks a list of trade returns in percent.
 * @throws InvalidArgumentError naming the first return that is not a finite number >= -100.
 */
export function checkReturns(component: string, returnsPct: readonly number[]): void {
  if (!Array.isArray(returnsPct)) {
    throw new InvalidArgumentError(
      component,
      "returnsPct",
      returnsPct,
      "an array of trade returns in percent",
    );
  }
  for (const [index, value] of returnsPct.entries()) {
    if (typeof value !== "number" || !Number.isFinite(value) || value < -100) {
      throw new InvalidArgumentError(
        component,
        `returnsPct.${index}`,
        value,
        "a finite return in percent >= -100",
      );
    }
  }
}
