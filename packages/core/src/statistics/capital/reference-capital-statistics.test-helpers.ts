import type { EquitySample } from "../../spec/index.js";
import { MINUTE } from "../statistics.test-helpers.js";

/**
 * A deliberately naive second implementation of the capital statistics, used only by the tests. It shares no
 * code with the module and takes other routes: it replays the curve minute by minute (so samples and the
 * period bounds must be minute-aligned), finds calendar days with `Date#toISOString`, takes the drawdown from
 * a quadratic scan of every earlier sample, and the exposure as a plain mean over minutes.
 */
export function referenceCapitalStatistics(
  samples: readonly EquitySample[],
  options: { initialCapital: number; periodStart: number; periodEnd: number; periodsPerYear?: number },
): Record<string, number | null> {
  const { initialCapital, periodStart, periodEnd } = options;
  const periodsPerYear = options.periodsPerYear ?? 365;
  const initial: EquitySample = {
    timestamp: periodStart,
    equity: initialCapital,
    cash: initialCapital,
    exposure: 0,
    openPositions: 0,
  };

  // The state in effect at each minute: the last sample of that minute, carried forward.
  const lastOfMinute = new Map<number, EquitySample>();
  for (const s of samples) lastOfMinute.set(s.timestamp, s);
  const dayKey = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  const lastKey = dayKey(Math.max(periodStart, periodEnd - 1));
  const closingByDay = new Map<string, number>();
  let state = initial;
  let exposureSum = 0;
  let exposureMinutes = 0;
  let peak = initialCapital;
  let underwaterRun = 0;
  let longestRun = 0;
  let sampleIndex = 0;
  for (let t = periodStart; t <= periodEnd; t += MINUTE) {
    state = lastOfMinute.get(t) ?? state;
    while (sampleIndex < samples.length && samples[sampleIndex]!.timestamp <= t) {
      peak = Math.max(peak, samples[sampleIndex]!.equity);
      sampleIndex++;
    }
    // A minute at or after the midnight that ends the period is booked on the last day.
    const key = dayKey(t);
    // biome-ignore lint/complexity/useMathMinMax: these are ISO date strings; Math.min would turn them into NaN
    closingByDay.set(key > lastKey ? lastKey : key, state.equity);
    if (t === periodEnd) break; // the minute starting at periodEnd is outside the period
    if (state.equity > 0) {
      exposureSum += state.exposure / state.equity;
      exposureMinutes++;
    }
    underwaterRun = state.equity < peak ? underwaterRun + 1 : 0;
    longestRun = Math.max(longestRun, underwaterRun);
  }

  const returns: number[] = [];
  let opening = initialCapital;
  for (const closing of closingByDay.values()) {
    returns.push(opening <= 0 ? 0 : Math.max(closing, 0) / opening - 1);
    opening = closing;
  }
  const n = returns.length;
  const avg = returns.reduce((a, b) => a + b, 0) / n;
  const sd = Math.sqrt(returns.reduce((a, r) => a + (r - avg) ** 2, 0) / (n - 1));
  const downside = Math.sqrt(returns.reduce((a, r) => a + Math.min(r, 0) ** 2, 0) / n);

  let maxDrawdownPercent = 0;
  let maxDrawdown = 0;
  for (let i = 0; i < samples.length; i++) {
    let runningPeak = initialCapital;
    for (let j = 0; j <= i; j++) runningPeak = Math.max(runningPeak, samples[j]!.equity);
    maxDrawdown = Math.max(maxDrawdown, runningPeak - samples[i]!.equity);
    maxDrawdownPercent = Math.max(
      maxDrawdownPercent,
      ((runningPeak - samples[i]!.equity) / runningPeak) * 100,
    );
  }

  const finalEquity = samples.length > 0 ? samples[samples.length - 1]!.equity : initialCapital;
  const spanDays = (periodEnd - periodStart) / 86_400_000;
  const cagrPercent =
    finalEquity <= 0 ? -100 : ((finalEquity / initialCapital) ** (365 / spanDays) - 1) * 100;
  return {
    finalEquity,
    netProfit: finalEquity - initialCapital,
    totalReturnPercent: ((finalEquity - initialCapital) / initialCapital) * 100,
    cagrPercent,
    maxDrawdownPercent,
    maxDrawdown,
    maxDrawdownDurationMinutes: longestRun,
    sharpeRatio: (avg / sd) * Math.sqrt(periodsPerYear),
    sortinoRatio: (avg / downside) * Math.sqrt(periodsPerYear),
    calmarRatio: cagrPercent / maxDrawdownPercent,
    averageExposurePercent: (exposureSum / exposureMinutes) * 100,
    maxExposure: Math.max(0, ...samples.map((s) => s.exposure)),
    maxOpenPositions: Math.max(0, ...samples.map((s) => s.openPositions)),
    dailyReturnCount: n,
  };
}
