import type { EquitySample } from "../../spec/index.js";
import { DAY_MS } from "../daily-returns.js";

/**
 * Simple daily returns of the equity step function, one per UTC calendar day of [periodStart, periodEnd], with
 * the calendar-day convention of the trade statistics (`dailyReturns`): day k is [k·DAY_MS, (k+1)·DAY_MS); the
 * first day is the one containing periodStart, the last the one containing the instant just before periodEnd,
 * so a period ending exactly at midnight gains no empty extra day.
 *
 * A day closes with the equity of its last sample (a sample exactly at midnight opens the next day, as a
 * close at midnight does in the trade statistics), or with the previous day's close if it has none; the
 * last day closes with the final equity (a sample at periodEnd included). The first day opens with
 * `initialCapital`, at periodStart, so a first or last partial day is a return over that part.
 *
 * d_k = max(close_k, 0) / close_(k−1) − 1. An account at or below 0 is wiped out: the day it gets there
 * returns −100%, and a day that opens at or below 0 returns 0 rather than a ratio of a non-positive base.
 *
 * @param samples validated, in time order, within the period
 * @returns daily returns as fractions (0.01 = +1%), in calendar order; at least one day
 */
export function dailyEquityReturns(
  samples: readonly EquitySample[],
  initialCapital: number,
  periodStart: number,
  periodEnd: number,
): Float64Array {
  const firstDay = Math.floor(periodStart / DAY_MS);
  const lastDay = Math.max(firstDay, Math.ceil(periodEnd / DAY_MS) - 1);
  const dayCount = lastDay - firstDay + 1;

  // First the closing equity of each day, then turned into returns in place.
  const values = new Float64Array(dayCount);
  let day = 0;
  let equity = initialCapital;
  for (let i = 0; i < samples.length; i++) {
    const sample = samples[i]!;
    const sampleDay = Math.min(Math.floor(sample.timestamp / DAY_MS), lastDay) - firstDay;
    while (day < sampleDay) values[day++] = equity;
    equity = sample.equity;
  }
  while (day < dayCount) values[day++] = equity;

  let opening = initialCapital;
  for (let d = 0; d < dayCount; d++) {
    const closing = values[d]!;
    values[d] = opening <= 0 ? 0 : Math.max(closing, 0) / opening - 1;
    opening = closing;
  }
  return values;
}
