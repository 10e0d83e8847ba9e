/**
 * An amount for a rejection reason: ten significant digits, trailing zeros dropped, so float noise from summing
 * exposures (`1100.0000000000002`) does not reach the sentence a user reads.
 */
export function formatRiskAmount(value: number): string {
  return String(Number(value.toPrecision(10)));
}
