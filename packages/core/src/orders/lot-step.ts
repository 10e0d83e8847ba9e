/**
 * Within this share of a lot step, a quantity is that many lots with float noise: a remainder of lots summed and
 * subtracted in binary floats (0.0759 − 0.0045 = 0.07139999999999999) is off by far less.
 */
const NOISE = 1e-6;

/**
 * `quantity` on the market's lot step when it is a whole number of lots but for float noise, rounded to the
 * nearest lot (0.07139999999999999 → 0.0714 on a 0.0001 step); any other quantity as it is (a sizing the kernel
 * decided, 0.00141568, is the broker's to truncate). A `step` of null (no lot step known) changes nothing.
 */
export function onLotStep(quantity: number, step: number | null): number {
  if (step === null || !(step > 0) || !Number.isFinite(quantity)) return quantity;
  const lots = quantity / step;
  const whole = Math.round(lots);
  if (Math.abs(lots - whole) > NOISE) return quantity;
  // 714 × 0.0001 is 0.07140000000000001 in floats: 15 significant digits give back the decimal.
  return Number((whole * step).toPrecision(15));
}
