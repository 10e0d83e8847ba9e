/**
 * A number with at most 8 decimals and no trailing zeros (`0.1 + 0.2` → `"0.3"`), never in exponent form.
 * Used when no market precision is known (an offline cache filled from CSV files).
 */
export function formatPlainNumber(value: number): string {
  const fixed = value.toFixed(8);
  const trimmed = fixed.includes(".") ? fixed.replace(/0+$/, "").replace(/\.$/, "") : fixed;
  return trimmed === "-0" ? "0" : trimmed;
}
