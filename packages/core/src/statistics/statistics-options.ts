import { z } from "zod";
import { InvalidArgumentError } from "../errors/index.js";
import { parseWithSchema } from "../validation/parse-with-schema.js";

/** Options of `computeStatistics`. Every field is optional. */
export interface StatisticsOptions {
  /**
   * Start of the tested window (epoch ms), e.g. the frame's start. Defaults to the earliest `signal.pendingAt`.
   * The window is widened, never narrowed, to contain every trade: a trade is never dropped or clipped.
   */
  readonly periodStart?: number;
  /**
   * End of the tested window (epoch ms), e.g. the frame's end or "now" live. Defaults to the latest
   * `closeTimestamp`. Widened like `periodStart` if a trade closes after it.
   */
  readonly periodEnd?: number;
  /**
   * Daily returns per year used to annualise the daily Sharpe and Sortino ratios. Default 365: crypto
   * trades every calendar day. Use 252 for a market that is closed at weekends (calendar days are still
   * used for the resampling, so flat weekend days count as zero-return days in either case).
   */
  readonly periodsPerYear?: number;
  /**
   * Minimum number of closed trades before the risk/return ratios (Sharpe, annualised Sharpe, Sortino,
   * Calmar, SQN, certainty ratio, profit factor) are reported. Default 2: the smallest sample in which a
   * spread exists at all. A higher bar is a judgement about statistical significance that belongs to the
   * reader (who sees `tradeCount` next to every ratio), and a high default silently hides short tests and
   * makes the Walker skip strategies. Raise it, e.g. to 30 as Van Tharp suggests for SQN, if you want that.
   */
  readonly minTradesForRatios?: number;
}

/** {@link StatisticsOptions} with the defaults applied. */
export interface ResolvedStatisticsOptions {
  readonly periodStart: number | undefined;
  readonly periodEnd: number | undefined;
  readonly periodsPerYear: number;
  readonly minTradesForRatios: number;
}

/** Default of {@link StatisticsOptions.periodsPerYear}. */
export const DEFAULT_PERIODS_PER_YEAR = 365;

/** Default of {@link StatisticsOptions.minTradesForRatios}. */
export const DEFAULT_MIN_TRADES_FOR_RATIOS = 2;

// zod 4 numbers reject NaN and ±Infinity, so `z.number()` already means "finite number".
const statisticsOptionsSchema = z.object({
  periodStart: z.number().optional(),
  periodEnd: z.number().optional(),
  periodsPerYear: z.number().positive().optional(),
  minTradesForRatios: z.number().int().min(1).optional(),
});

/**
 * Validates the options and applies the defaults.
 * @throws InvalidArgumentError naming the bad option.
 */
export function resolveStatisticsOptions(options: StatisticsOptions | undefined): ResolvedStatisticsOptions {
  const parsed = parseWithSchema("computeStatistics", statisticsOptionsSchema, options ?? {});
  if (
    parsed.periodStart !== undefined &&
    parsed.periodEnd !== undefined &&
    parsed.periodEnd < parsed.periodStart
  ) {
    throw new InvalidArgumentError(
      "computeStatistics",
      "periodEnd",
      parsed.periodEnd,
      `a time not before periodStart (${parsed.periodStart})`,
    );
  }
  return {
    periodStart: parsed.periodStart,
    periodEnd: parsed.periodEnd,
    periodsPerYear: parsed.periodsPerYear ?? DEFAULT_PERIODS_PER_YEAR,
    minTradesForRatios: parsed.minTradesForRatios ?? DEFAULT_MIN_TRADES_FOR_RATIOS,
  };
}
