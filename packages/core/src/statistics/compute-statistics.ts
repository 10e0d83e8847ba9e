import { MINUTE_MS } from "../candles/interval.js";
import { InvalidArgumentError } from "../errors/index.js";
import type { ClosedResult } from "../spec/index.js";
import type {
  NullableStatisticName,
  TradeStatistics,
  TradeStatisticsValues,
} from "../spec/reports/trade-statistics.js";
import { DAY_MS, dailyReturns } from "./daily-returns.js";
import { walkEquityCurve } from "./equity-curve.js";
import { isZeroSpread, mean, median, sampleStdDev } from "./sample-moments.js";
import { resolveStatisticsOptions, type StatisticsOptions } from "./statistics-options.js";
import { timeInMarket } from "./time-in-market.js";

const COMPONENT = "computeStatistics";
/** Calendar days per year for CAGR and trades per year (the `periodsPerYear` option is for daily returns). */
const DAYS_PER_YEAR = 365;

const NO_TRADES = "no closed trades";
const NO_PERIOD = "no closed trades and no periodStart/periodEnd option, so the period is unknown";
const ZERO_PERIOD = "the period has zero length";

type MutableValues = { -readonly [K in keyof TradeStatisticsValues]: TradeStatisticsValues[K] };

/** The input as columns: one pass of validation, then every later loop reads typed arrays. */
interface TradeColumns {
  readonly pnl: Float64Array;
  readonly peak: Float64Array;
  readonly trough: Float64Array;
  readonly openedAt: Float64Array;
  readonly closedAt: Float64Array;
  readonly symbols: string[];
  readonly ids: string[];
}

/**
 * Computes the statistics of a set of closed trades: every trade counts, in any input order.
 *
 * Pure and deterministic: the same trades (in any order) and options give a deep-equal result, and the
 * result is plain JSON. O(N log N) time (three sorts) and O(N + days in the period) memory.
 * See `TradeStatistics` for the definition of each metric and the statistics README for the reasoning.
 *
 * @param trades closed results (`action: "closed"`); filter cancelled results out first
 * @param options the tested period and annualisation settings; all optional
 * @throws InvalidArgumentError when an option is invalid, or a trade is not closed or carries a non-finite
 *   number or closes before it opened. Nothing is computed from malformed input.
 */
export function computeStatistics(
  trades: readonly ClosedResult[],
  options?: StatisticsOptions,
): TradeStatistics {
  const resolved = resolveStatisticsOptions(options);
  const { periodsPerYear, minTradesForRatios } = resolved;
  const columns = readColumns(trades);
  const { pnl, peak, trough, openedAt, closedAt } = columns;
  const n = pnl.length;

  const unavailable: Partial<Record<NullableStatisticName, string>> = {};
  // Records why a metric is missing and yields its null, so each metric reads as one expression.
  const missing = (name: NullableStatisticName, reason: string): null => {
    unavailable[name] = reason;
    return null;
  };
  /** Why there are too few trades for a metric that needs `required` of them, or null if there are enough. */
  const shortfall = (required: number): string | null => {
    if (n === 0) return NO_TRADES;
    return n < required ? `needs at least ${required} trades, got ${n}` : null;
  };

  // Order-independent sums, in input order.
  let winCount = 0;
  let lossCount = 0;
  let winSum = 0;
  let lossSum = 0;
  let pnlSum = 0;
  let peakSum = 0;
  let troughSum = 0;
  let durationSum = 0;
  let best = Number.NEGATIVE_INFINITY;
  let worst = Number.POSITIVE_INFINITY;
  let firstOpen = Number.POSITIVE_INFINITY;
  let lastClose = Number.NEGATIVE_INFINITY;
  const growth = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const r = pnl[i]!;
    if (r > 0) {
      winCount++;
      winSum += r;
    } else if (r < 0) {
      lossCount++;
      lossSum += r;
    }
    pnlSum += r;
    peakSum += peak[i]!;
    troughSum += trough[i]!;
    durationSum += closedAt[i]! - openedAt[i]!;
    if (r > best) best = r;
    if (r < worst) worst = r;
    if (openedAt[i]! < firstOpen) firstOpen = openedAt[i]!;
    if (closedAt[i]! > lastClose) lastClose = closedAt[i]!;
    growth[i] = Math.max(1 + r / 100, 0);
  }
  const breakevenCount = n - winCount - lossCount;

  // Order-dependent figures: the equity curve and the streaks, in close order.
  const order = sortByClose(columns);
  const curve = walkEquityCurve(order, pnl, trough);
  let maxConsecutiveWins = 0;
  let maxConsecutiveLosses = 0;
  let wins = 0;
  let losses = 0;
  for (let k = 0; k < n; k++) {
    const r = pnl[order[k]!]!;
    wins = r > 0 ? wins + 1 : 0;
    losses = r < 0 ? losses + 1 : 0;
    if (wins > maxConsecutiveWins) maxConsecutiveWins = wins;
    if (losses > maxConsecutiveLosses) maxConsecutiveLosses = losses;
  }

  // The period is widened to contain every trade, never narrowed: no trade is dropped or clipped.
  let periodStart = resolved.periodStart ?? null;
  let periodEnd = resolved.periodEnd ?? null;
  if (n > 0) {
    periodStart = periodStart === null ? firstOpen : Math.min(periodStart, firstOpen);
    periodEnd = periodEnd === null ? lastClose : Math.max(periodEnd, lastClose);
  }
  const spanMs = periodStart !== null && periodEnd !== null ? periodEnd - periodStart : null;
  const periodDays = spanMs === null ? null : spanMs / DAY_MS;

  const avgPnl = n > 0 ? pnlSum / n : null;
  const stdDevShortfall = shortfall(2);
  const stdDev = stdDevShortfall === null ? sampleStdDev(pnl, avgPnl!) : null;
  const avgWin = winCount > 0 ? winSum / winCount : null;
  const avgLoss = lossCount > 0 ? lossSum / lossCount : null;
  const perTradeRatioBlock =
    shortfall(Math.max(2, minTradesForRatios)) ?? (isZeroSpread(stdDev!, avgPnl!) ? "zero variance" : null);
  const ratioShortfall = shortfall(minTradesForRatios);

  const daily = n > 0 && spanMs !== null ? dailyReturns(closedAt, growth, periodStart!, periodEnd!) : null;
  const dailyBlock =
    ratioShortfall ??
    (daily !== null && daily.length < 2
      ? `needs at least 2 calendar days in the period, got ${daily.length}`
      : null);
  const dailyMean = daily !== null && dailyBlock === null ? mean(daily) : 0;

  const expectedYearlyReturns = cagr();

  const values: MutableValues = {
    tradeCount: n,
    winCount,
    lossCount,
    breakevenCount,
    winRate:
      winCount + lossCount > 0
        ? (winCount / (winCount + lossCount)) * 100
        : missing("winRate", n === 0 ? NO_TRADES : "no winning or losing trades (all breakeven)"),
    totalPnl: n > 0 ? pnlSum : missing("totalPnl", NO_TRADES),
    avgPnl: avgPnl ?? missing("avgPnl", NO_TRADES),
    medianPnl: n > 0 ? median(pnl) : missing("medianPnl", NO_TRADES),
    compoundedReturn: n > 0 ? (curve.finalEquity - 1) * 100 : missing("compoundedReturn", NO_TRADES),
    stdDev: stdDevShortfall === null ? stdDev : missing("stdDev", stdDevShortfall),
    bestTrade: n > 0 ? best : missing("bestTrade", NO_TRADES),
    worstTrade: n > 0 ? worst : missing("worstTrade", NO_TRADES),
    avgWin: avgWin ?? missing("avgWin", n === 0 ? NO_TRADES : "no winning trades"),
    avgLoss: avgLoss ?? missing("avgLoss", n === 0 ? NO_TRADES : "no losing trades"),
    avgPeakPnl: n > 0 ? peakSum / n : missing("avgPeakPnl", NO_TRADES),
    avgTroughPnl: n > 0 ? troughSum / n : missing("avgTroughPnl", NO_TRADES),
    sharpeRatio: perTradeRatioBlock === null ? avgPnl! / stdDev! : missing("sharpeRatio", perTradeRatioBlock),
    annualizedSharpeRatio: annualizedSharpe(),
    sortinoRatio: sortino(),
    maxDrawdown: n > 0 ? curve.maxDrawdown : missing("maxDrawdown", NO_TRADES),
    calmarRatio: calmar(),
    expectedYearlyReturns,
    certaintyRatio: certainty(),
    profitFactor: profitFactor(),
    expectancy:
      n > 0
        ? (winCount / n) * (avgWin ?? 0) + (lossCount / n) * (avgLoss ?? 0)
        : missing("expectancy", NO_TRADES),
    sqn:
      perTradeRatioBlock === null ? (Math.sqrt(n) * avgPnl!) / stdDev! : missing("sqn", perTradeRatioBlock),
    exposure: exposure(),
    avgDurationMinutes: n > 0 ? durationSum / n / MINUTE_MS : missing("avgDurationMinutes", NO_TRADES),
    tradesPerYear:
      spanMs === null
        ? missing("tradesPerYear", NO_PERIOD)
        : spanMs === 0
          ? missing("tradesPerYear", ZERO_PERIOD)
          : (n / periodDays!) * DAYS_PER_YEAR,
    maxConsecutiveWins,
    maxConsecutiveLosses,
    periodStart: periodStart ?? missing("periodStart", NO_PERIOD),
    periodEnd: periodEnd ?? missing("periodEnd", NO_PERIOD),
    periodDays: periodDays ?? missing("periodDays", NO_PERIOD),
    periodsPerYear,
  };
  return finalize(values, unavailable);

  // Metrics with several ways to be unavailable, as hoisted declarations so the object above stays a table.
  function annualizedSharpe(): number | null {
    if (dailyBlock !== null) return missing("annualizedSharpeRatio", dailyBlock);
    const dailyStdDev = sampleStdDev(daily!, dailyMean);
    if (isZeroSpread(dailyStdDev, dailyMean))
      return missing("annualizedSharpeRatio", "zero variance of daily returns");
    return (dailyMean / dailyStdDev) * Math.sqrt(periodsPerYear);
  }

  function sortino(): number | null {
    if (dailyBlock !== null) return missing("sortinoRatio", dailyBlock);
    let downsideSquares = 0;
    for (let d = 0; d < daily!.length; d++) {
      const r = daily![d]!;
      if (r < 0) downsideSquares += r * r;
    }
    if (downsideSquares === 0) return missing("sortinoRatio", "no losing days (downside deviation is 0)");
    return (dailyMean / Math.sqrt(downsideSquares / daily!.length)) * Math.sqrt(periodsPerYear);
  }

  function cagr(): number | null {
    if (n === 0) return missing("expectedYearlyReturns", NO_TRADES);
    if (spanMs === 0) return missing("expectedYearlyReturns", ZERO_PERIOD);
    if (curve.finalEquity === 0) return -100;
    const value = (curve.finalEquity ** (DAYS_PER_YEAR / periodDays!) - 1) * 100;
    if (!Number.isFinite(value)) {
      return missing("expectedYearlyReturns", "too large to represent: the period is too short to annualise");
    }
    return value;
  }

  function calmar(): number | null {
    if (ratioShortfall !== null) return missing("calmarRatio", ratioShortfall);
    if (expectedYearlyReturns === null) {
      return missing(
        "calmarRatio",
        `expectedYearlyReturns is unavailable (${unavailable.expectedYearlyReturns})`,
      );
    }
    if (curve.maxDrawdown === 0) return missing("calmarRatio", "no drawdown (maxDrawdown is 0)");
    return expectedYearlyReturns / curve.maxDrawdown;
  }

  function certainty(): number | null {
    if (ratioShortfall !== null) return missing("certaintyRatio", ratioShortfall);
    if (avgWin === null && avgLoss === null) return missing("certaintyRatio", "no winning or losing trades");
    if (avgWin === null) return missing("certaintyRatio", "no winning trades");
    if (avgLoss === null) return missing("certaintyRatio", "no losing trades");
    return avgWin / -avgLoss;
  }

  function profitFactor(): number | null {
    if (ratioShortfall !== null) return missing("profitFactor", ratioShortfall);
    if (winCount === 0 && lossCount === 0) return missing("profitFactor", "no winning or losing trades");
    if (lossCount === 0) return missing("profitFactor", "no losing trades (the ratio is unbounded)");
    return winSum / -lossSum;
  }

  function exposure(): number | null {
    if (spanMs === null) return missing("exposure", NO_PERIOD);
    if (spanMs === 0) return missing("exposure", ZERO_PERIOD);
    if (n === 0) return 0; // a known period without a single position: never in the market
    const { coveredMs, symbolCount } = timeInMarket(columns.symbols, openedAt, closedAt);
    return (coveredMs / (spanMs * symbolCount)) * 100;
  }
}

/** Validates every trade once and copies the numbers used into typed arrays. */
function readColumns(trades: readonly ClosedResult[]): TradeColumns {
  if (!Array.isArray(trades)) {
    throw new InvalidArgumentError(COMPONENT, "trades", trades, "an array of closed results");
  }
  const n = trades.length;
  const columns: TradeColumns = {
    pnl: new Float64Array(n),
    peak: new Float64Array(n),
    trough: new Float64Array(n),
    openedAt: new Float64Array(n),
    closedAt: new Float64Array(n),
    symbols: new Array<string>(n),
    ids: new Array<string>(n),
  };
  for (let i = 0; i < n; i++) {
    const trade = trades[i] as ClosedResult | undefined;
    if (trade?.action !== "closed") {
      throw new InvalidArgumentError(
        COMPONENT,
        `trades[${i}].action`,
        trade?.action,
        '"closed" (pass closed results only; filter out cancelled ones)',
      );
    }
    if (typeof trade.symbol !== "string") {
      throw new InvalidArgumentError(COMPONENT, `trades[${i}].symbol`, trade.symbol, "a string");
    }
    const pnl = trade.pnl;
    columns.pnl[i] = finiteAt(pnl?.pnlPercentage, i, "pnl.pnlPercentage");
    columns.peak[i] = finiteAt(pnl?.peakPercentage, i, "pnl.peakPercentage");
    columns.trough[i] = finiteAt(pnl?.troughPercentage, i, "pnl.troughPercentage");
    const openedAt = finiteAt(trade.signal?.pendingAt, i, "signal.pendingAt");
    const closedAt = finiteAt(trade.closeTimestamp, i, "closeTimestamp");
    if (closedAt < openedAt) {
      throw new InvalidArgumentError(
        COMPONENT,
        `trades[${i}].closeTimestamp`,
        closedAt,
        `a time not before signal.pendingAt (${openedAt})`,
      );
    }
    columns.openedAt[i] = openedAt;
    columns.closedAt[i] = closedAt;
    columns.symbols[i] = trade.symbol;
    columns.ids[i] = String(trade.signal.id);
  }
  return columns;
}

function finiteAt(value: unknown, index: number, field: string): number {
  if (typeof value === "number" && Number.isFinite(value)) return value;
  throw new InvalidArgumentError(COMPONENT, `trades[${index}].${field}`, value, "a finite number");
}

/**
 * Trade indices in close order. Ties (same close time, common when several symbols close on the same candle)
 * are broken by open time, then symbol, then signal id, then input position, so the equity curve and the
 * streaks do not depend on the order the trades arrived in.
 */
function sortByClose(columns: TradeColumns): number[] {
  const { closedAt, openedAt, symbols, ids } = columns;
  const order = new Array<number>(closedAt.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  order.sort(
    (a, b) =>
      closedAt[a]! - closedAt[b]! ||
      openedAt[a]! - openedAt[b]! ||
      compareText(symbols[a]!, symbols[b]!) ||
      compareText(ids[a]!, ids[b]!) ||
      a - b,
  );
  return order;
}

/** Code-unit order: locale independent, so the order is the same on every machine. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Last line of defence for the JSON contract: a non-finite value (an overflow no rule above foresaw) becomes
 * null with a reason, and −0 becomes 0 (JSON would turn it into 0 anyway, breaking deep equality).
 */
function finalize(
  values: MutableValues,
  unavailable: Partial<Record<NullableStatisticName, string>>,
): TradeStatistics {
  const record = values as unknown as Record<string, number | null>;
  for (const key of Object.keys(record)) {
    const value = record[key];
    if (typeof value !== "number") continue;
    if (!Number.isFinite(value)) {
      record[key] = null;
      unavailable[key as NullableStatisticName] = "the value is not a finite number (overflow)";
    } else if (value === 0) {
      record[key] = 0;
    }
  }
  return { ...values, unavailable };
}
