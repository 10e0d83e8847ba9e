import type { TrialJob } from "./trial-job.js";

/** How a statistic measured on each symbol becomes one number: `mean`, `sum`, `min` (the worst symbol) or `median`. */
export type Aggregate = TrialJob["objective"]["aggregate"];

/** The aggregates a {@link TrialJob} may name. */
export const AGGREGATES: readonly Aggregate[] = ["mean", "sum", "min", "median"];

/** Combines one value per symbol; `values` is not empty. */
export function aggregate(values: readonly number[], how: Aggregate): number {
  switch (how) {
    case "sum":
      return values.reduce((total, value) => total + value, 0);
    case "mean":
      return values.reduce((total, value) => total + value, 0) / values.length;
    case "min":
      return Math.min(...values);
    case "median": {
      const sorted = [...values].sort((a, b) => a - b);
      const middle = sorted.length >> 1;
      return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
    }
  }
}
