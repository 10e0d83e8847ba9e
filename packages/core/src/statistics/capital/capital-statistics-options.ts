import { z } from "zod";
import { InvalidArgumentError } from "../../errors/index.js";
import { parseWithSchema } from "../../validation/parse-with-schema.js";
import { DEFAULT_PERIODS_PER_YEAR } from "../statistics-options.js";

/** Options of `computeCapitalStatistics`. */
export interface CapitalStatisticsOptions {
  /** Equity before the first sample (quote), and the first peak of the drawdown. Positive. */
  readonly initialCapital: number;
  /** Start of the tested window (epoch ms), e.g. the frame's start. Every sample must be within the window. */
  readonly periodStart: number;
  /** End of the tested window (epoch ms), not before `periodStart`. */
  readonly periodEnd: number;
  /**
   * Daily returns per year used to annualise Sharpe and Sortino. Default 365, as the trade statistics
   * (`DEFAULT_PERIODS_PER_YEAR`): calendar days are used for the resampling whatever this is.
   */
  readonly periodsPerYear?: number;
}

/** {@link CapitalStatisticsOptions} with the default applied. */
export interface ResolvedCapitalStatisticsOptions {
  readonly initialCapital: number;
  readonly periodStart: number;
  readonly periodEnd: number;
  readonly periodsPerYear: number;
}

// zod 4 numbers reject NaN and ±Infinity, so `z.number()` already means "finite number".
const capitalStatisticsOptionsSchema = z.strictObject({
  initialCapital: z.number().positive(),
  periodStart: z.number(),
  periodEnd: z.number(),
  periodsPerYear: z.number().positive().optional(),
});

/**
 * Validates the options and applies the default.
 * @param component the public function name used in error messages
 * @throws InvalidArgumentError naming the bad option.
 */
export function resolveCapitalStatisticsOptions(
  component: string,
  options: CapitalStatisticsOptions,
): ResolvedCapitalStatisticsOptions {
  const parsed = parseWithSchema(component, capitalStatisticsOptionsSchema, options);
  if (parsed.periodEnd < parsed.periodStart) {
    throw new InvalidArgumentError(
      component,
      "periodEnd",
      parsed.periodEnd,
      `a time not before periodStart (${parsed.periodStart})`,
    );
  }
  return { ...parsed, periodsPerYear: parsed.periodsPerYear ?? DEFAULT_PERIODS_PER_YEAR };
}
