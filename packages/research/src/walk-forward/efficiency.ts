const YEAR_MS = 365 * 86_400_000;

/**
 * A return over a span as a yearly rate, compounded: `((1 + r/100)^(year / span) − 1) × 100`, in %. A total
 * loss stays −100. `null` when the rate overflows (a large return over a very short span).
 */
export function annualisedReturnPct(returnPct: number, spanMs: number): number | null {
  if (returnPct <= -100) return -100;
  const value = ((1 + returnPct / 100) ** (YEAR_MS / spanMs) - 1) * 100;
  return Number.isFinite(value) ? value : null;
}

/**
 * Walk-forward efficiency: annualised out-of-sample return / annualised in-sample return. 1 means the
 * parameters earned out of sample at the rate they earned where they were fitted; near 0 or below, the fit did
 * not carry over. `null` when the in-sample rate is not positive (there is no fitted edge to compare with) or
 * either rate is unknown.
 */
export function walkForwardEfficiency(
  outOfSampleAnnualisedPct: number | null,
  inSampleAnnualisedPct: number | null,
): number | null {
  if (outOfSampleAnnualisedPct === null || inSampleAnnualisedPct === null) return null;
  if (!(inSampleAnnualisedPct > 0)) return null;
  return outOfSampleAnnualisedPct / inSampleAnnualisedPct;
}

/** `(Π (1 + rᵢ/100) − 1) × 100` of trade returns in %, 0 for no trades (flat). */
export function compoundPct(returnsPct: readonly number[]): number {
  let equity = 1;
  for (const r of returnsPct) equity *= 1 + r / 100;
  return (equity - 1) * 100;
}
