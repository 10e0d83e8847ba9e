import type { EquitySample } from "../../spec/index.js";

/** What one walk along the samples yields. */
export interface EquityWalk {
  /** Equity of the last sample; the initial capital without samples. */
  readonly finalEquity: number;
  /** Largest (peak − equity) / peak, in % of the peak. */
  readonly maxDrawdownPercent: number;
  /** Largest peak − equity, in quote currency. */
  readonly maxDrawdown: number;
  /** Longest underwater spell, in ms. */
  readonly maxDrawdownDurationMs: number;
  /** ∫ exposure / equity dt over the spans where equity > 0 (ms; a ratio times time). */
  readonly exposureRatioIntegral: number;
  /** Total length of the spans where equity > 0, in ms: the weight of the exposure average. */
  readonly positiveEquityMs: number;
  readonly maxExposure: number;
  readonly maxOpenPositions: number;
}

/**
 * Walks validated samples once, in time order, over the step function they define on [periodStart, periodEnd]:
 * the state of a sample holds from its timestamp to the next sample's (the last one's to periodEnd), and
 * before the first sample the account holds `initialCapital` in cash with nothing open.
 *
 * Drawdown: `initialCapital` is the first peak, and every sample is a point of the curve, including several
 * at one timestamp. An underwater spell starts at the first sample below the running peak and ends at the
 * first sample back at or above it, or at periodEnd. The peak only rises from a positive start, so the
 * percentage never divides by 0.
 *
 * Exposure: a span in which equity ≤ 0 has no meaningful exposure / equity ratio, so it is left out of both
 * the integral and its weight.
 */
export function walkEquitySamples(
  samples: readonly EquitySample[],
  initialCapital: number,
  periodStart: number,
  periodEnd: number,
): EquityWalk {
  let peak = initialCapital;
  let equity = initialCapital;
  let maxDrawdownPercent = 0;
  let maxDrawdown = 0;
  let underwater = false;
  let underwaterSince = 0;
  let maxDrawdownDurationMs = 0;
  let maxExposure = 0;
  let maxOpenPositions = 0;

  // The state in effect since `segmentStart`: the initial cash-only account, then each sample's.
  let segmentStart = periodStart;
  let ratio = 0;
  let ratioDefined = true;
  let exposureRatioIntegral = 0;
  let positiveEquityMs = 0;

  for (let i = 0; i < samples.length; i++) {
    const sample = samples[i]!;
    const timestamp = sample.timestamp;
    if (ratioDefined) {
      exposureRatioIntegral += ratio * (timestamp - segmentStart);
      positiveEquityMs += timestamp - segmentStart;
    }
    segmentStart = timestamp;
    equity = sample.equity;
    ratioDefined = equity > 0;
    ratio = ratioDefined ? sample.exposure / equity : 0;
    if (sample.exposure > maxExposure) maxExposure = sample.exposure;
    if (sample.openPositions > maxOpenPositions) maxOpenPositions = sample.openPositions;

    if (equity >= peak) {
      peak = equity;
      if (underwater && timestamp - underwaterSince > maxDrawdownDurationMs) {
        maxDrawdownDurationMs = timestamp - underwaterSince;
      }
      underwater = false;
    } else {
      if (!underwater) {
        underwater = true;
        underwaterSince = timestamp;
      }
      const fall = peak - equity;
      if (fall > maxDrawdown) maxDrawdown = fall;
      const fallPercent = (fall / peak) * 100;
      if (fallPercent > maxDrawdownPercent) maxDrawdownPercent = fallPercent;
    }
  }

  if (ratioDefined) {
    exposureRatioIntegral += ratio * (periodEnd - segmentStart);
    positiveEquityMs += periodEnd - segmentStart;
  }
  if (underwater && periodEnd - underwaterSince > maxDrawdownDurationMs) {
    maxDrawdownDurationMs = periodEnd - underwaterSince;
  }
  return {
    finalEquity: equity,
    maxDrawdownPercent,
    maxDrawdown,
    maxDrawdownDurationMs,
    exposureRatioIntegral,
    positiveEquityMs,
    maxExposure,
    maxOpenPositions,
  };
}
