/**
 * Exact decimal amounts as bigint counts of 1e-8 ("atoms"): Binance prints every price, quantity and balance
 * with 8 decimals, so balances that move with fills and fees stay exact and tests can compare strings.
 */
export type Atoms = bigint;

export const SCALE = 100_000_000n;
const DECIMALS = 8;
/** Binance's legal range for a decimal parameter. */
export const DECIMAL_PATTERN = /^([0-9]{1,20})(\.[0-9]{1,20})?$/;

/**
 * `"0.00123"` as atoms, or `undefined` when the text is not a plain decimal or has non-zero digits beyond the
 * eighth decimal (no Binance spot filter allows those).
 */
export function parseAtoms(text: string): Atoms | undefined {
  if (!DECIMAL_PATTERN.test(text)) return undefined;
  const [whole = "0", fraction = ""] = text.split(".");
  if (/[1-9]/.test(fraction.slice(DECIMALS))) return undefined;
  return BigInt(whole) * SCALE + BigInt(fraction.slice(0, DECIMALS).padEnd(DECIMALS, "0"));
}

/** A number as atoms, via its 8-decimal rendering (candle values and option numbers have at most 8). */
export function numberToAtoms(value: number): Atoms {
  const text = value.toFixed(DECIMALS);
  const negative = text.startsWith("-");
  const atoms = parseAtoms(negative ? text.slice(1) : text);
  if (atoms === undefined) throw new RangeError(`${value} is not a finite decimal`);
  return negative ? -atoms : atoms;
}

/** Atoms as Binance prints them: always 8 decimals (`"0.10000000"`). */
export function formatAtoms(atoms: Atoms): string {
  const negative = atoms < 0n;
  const magnitude = negative ? -atoms : atoms;
  const whole = magnitude / SCALE;
  const fraction = (magnitude % SCALE).toString().padStart(DECIMALS, "0");
  return `${negative ? "-" : ""}${whole}.${fraction}`;
}

/** `a × b`, both in atoms, rounded half up to atoms (prices × quantities, amounts × fee rates). */
export function mulAtoms(a: Atoms, b: Atoms): Atoms {
  return divRound(a * b, SCALE);
}

/** `a ÷ b` in atoms, rounded toward zero (a quantity bought with a quote amount). */
export function divAtoms(a: Atoms, b: Atoms): Atoms {
  return (a * SCALE) / b;
}

/** `value` rounded down to a multiple of `step` (a quantity to the lot step); `step` 0 leaves it unchanged. */
export function floorToStep(value: Atoms, step: Atoms): Atoms {
  return step === 0n ? value : (value / step) * step;
}

function divRound(numerator: bigint, denominator: bigint): bigint {
  const half = denominator / 2n;
  return numerator >= 0n ? (numerator + half) / denominator : -((-numerator + half) / denominator);
}

export function minAtoms(a: Atoms, b: Atoms): Atoms {
  return a < b ? a : b;
}

export function maxAtoms(a: Atoms, b: Atoms): Atoms {
  return a > b ? a : b;
}
