import { MINUTE_MS } from "../../candles/interval.js";
import type { CapitalStatistics, EquitySample, NullableCapitalStatisticName } from "../../spec/index.js";
import { DAY_MS } from "../daily-returns.js";
import { isZeroSpread, mean, sampleStdDev } from "../sample-moments.js";
import {
  type CapitalStatisticsOptions,
  resolveCapitalStatisticsOptions,
} from "./capital-statistics-options.js";
import { dailyEquityReturns } from "./daily-equity-returns.js";
import { validateEquitySamples } from "./validate-equity-samples.js";
import { walkEquitySamples } from "./walk-equity-samples.js";

const COMPONENT = "computeCapitalStatistics";
/** Calendar days per year for the CAGR (`periodsPerYear` is about daily returns, not the length of a year). */
const DAYS_PER_YEAR = 365;

type Unavailable = Partial<Record<NullableCapitalStatisticName, string>>;

/**
 * Computes the statistics on capital of one account from its equity curve in quote currency: return, CAGR,
 * drawdown (depth and duration), Sharpe, Sortino and Calmar on daily returns, and exposure.
 *
 * The curve is a step function: at time t the equity is that of the last sample at or before t, and
 * `initialCapital` before the first sample. Samples may be taken per minute or per event, at irregular times.
 * The drawdown looks at every sample; the ratios at one return per UTC calendar day (see the statistics README
 * for the exact rule). Pure and deterministic; the result is plain JSON. O(samples + days) time, and memory
 * O(days) beyond the input.
 *
 * @param samples the curve, in time order (equal timestamps allowed), each within [periodStart, periodEnd]
 * @param options initial capital, the period, and the annualisation (`periodsPerYear`, default 365)
 * @throws InvalidArgumentError when an option or a sample is invalid (non-finite, out of order, outside the
 *   period). Nothing is computed from malformed input.
 */
export function computeCapitalStatistics(
  samples: readonly EquitySample[],
  options: CapitalStatisticsOptions,
): CapitalStatistics {
  const { initialCapital, periodStart, periodEnd, periodsPerYear } = resolveCapitalStatisticsOptions(
    COMPONENT,
    options,
  );
  validateEquitySamples(COMPONENT, samples, { periodStart, periodEnd });

  const walk = walkEquitySamples(samples, initialCapital, periodStart, periodEnd);
  const daily = dailyEquityReturns(samples, initialCapital, periodStart, periodEnd);
  const dailyMean = mean(daily);
  const spanMs = periodEnd - periodStart;

  const unavailable: Unavailable = {};
  const missing = (name: NullableCapitalStatisticName, reason: string): null => {
    unavailable[name] = reason;
    return null;
  };
  const dailyShortfall = daily.length < 2 ? `needs at least 2 daily returns, got ${daily.length}` : null;

  const netProfit = walk.finalEquity - initialCapital;
  const cagrPercent = cagr();
  const values: Omit<CapitalStatistics, "unavailable"> = {
    initialCapital,
    finalEquity: walk.finalEquity,
    netProfit,
    totalReturnPercent: (netProfit / initialCapital) * 100,
    cagrPercent,
    maxDrawdownPercent: walk.maxDrawdownPercent,
    maxDrawdown: walk.maxDrawdown,
    maxDrawdownDurationMinutes: walk.maxDrawdownDurationMs / MINUTE_MS,
    sharpeRatio: sharpe(),
    sortinoRatio: sortino(),
    calmarRatio: calmar(),
    averageExposurePercent: averageExposure(),
    maxExposure: walk.maxExposure,
    maxOpenPositions: walk.maxOpenPositions,
    dailyReturnCount: daily.length,
    periodStart,
    periodEnd,
    periodsPerYear,
  };
  return finalize(values, unavailable);

  // Metrics with several ways to be unavailable, as hoisted declarations so the object above stays a table.
  function cagr(): number | null {
    if (spanMs === 0) return missing("cagrPercent", "the period has zero length");
    if (walk.finalEquity <= 0) return -100;
    const value = ((walk.finalEquity / initialCapital) ** ((DAYS_PER_YEAR * DAY_MS) / spanMs) - 1) * 100;
    if (!Number.isFinite(value)) {
      return missing("cagrPercent", "too large to represent: the period is too short to annualise");
    }
    return value;
  }

  function sharpe(): number | null {
    if (dailyShortfall !== null) return missing("sharpeRatio", dailyShortfall);
    const dailyStdDev = sampleStdDev(daily, dailyMean);
    if (isZeroSpread(dailyStdDev, dailyMean)) return missing("sharpeRatio", "zero variance of daily returns");
    return (dailyMean / dailyStdDev) * Math.sqrt(periodsPerYear);
  }

  function sortino(): number | null {
    if (dailyShortfall !== null) return missing("sortinoRatio", dailyShortfall);
    let downsideSquares = 0;
    for (let d = 0; d < daily.length; d++) {
      const r = daily[d]!;
      if (r < 0) downsideSquares += r * r;
    }
    if (downsideSquares === 0) return missing("sortinoRatio", "no losing days (downside deviation is 0)");
    return (dailyMean / Math.sqrt(downsideSquares / daily.length)) * Math.sqrt(periodsPerYear);
  }

  function calmar(): number | null {
    if (cagrPercent === null) {
      return missing("calmarRatio", `cagrPercent is unavailable (${unavailable.cagrPercent})`);
    }
    if (walk.maxDrawdownPercent === 0) return missing("calmarRatio", "no drawdown (maxDrawdownPercent is 0)");
    return cagrPercent / walk.maxDrawdownPercent;
  }

  function averageExposure(): number | null {
    if (spanMs === 0) return missing("averageExposurePercent", "the period has zero length");
    if (walk.positiveEquityMs === 0) {
      return missing(
        "averageExposurePercent",
        "the equity is never positive, so exposure / equity is undefined",
      );
    }
    return (walk.exposureRatioIntegral / walk.positiveEquityMs) * 100;
  }
}

/**
 * Last line of defence for the JSON contract: a non-finite value (an overflow no rule above foresaw) becomes
 * null with a reason when the field may be null, and −0 becomes 0 (JSON would turn it into 0 anyway).
 */
function finalize(
  values: Omit<CapitalStatistics, "unavailable">,
  unavailable: Unavailable,
): CapitalStatistics {
  const record = { ...values } as Record<string, number | null>;
  for (const key of Object.keys(record)) {
    const value = record[key];
    if (typeof value !== "number") continue;
    if (!Number.isFinite(value) && isNullable(key)) {
      record[key] = null;
      unavailable[key] = "the value is not a finite number (overflow)";
    } else if (value === 0) {
      record[key] = 0;
    }
  }
  return { ...(record as unknown as Omit<CapitalStatistics, "unavailable">), unavailable };
}

const NULLABLE: ReadonlySet<string> = new Set<NullableCapitalStatisticName>([
  "sharpeRatio",
  "sortinoRatio",
  "calmarRatio",
  "cagrPercent",
  "averageExposurePercent",
]);

function isNullable(key: string): key is NullableCapitalStatisticName {
  return NULLABLE.has(key);
}
