/**
 * The registered name of a parameter variant: `base` alone when no parameter is given, else
 * `base:key=value,key=value` with the given keys in code-point order, whatever order they were written in.
 * Numbers and booleans print as JavaScript does (`10`, `0.5`, `true`); strings and other values are
 * URI-encoded (`JSON.stringify` first for objects), so `:`, `,`, `=` and `/` never appear inside a value.
 *
 * @example strategyVariantName("sma-cross", { slow: 30, fast: 10 }) === "sma-cross:fast=10,slow=30"
 */
export function strategyVariantName(base: string, given: Readonly<Record<string, unknown>>): string {
  const keys = Object.keys(given).sort();
  if (keys.length === 0) return base;
  return `${base}:${keys.map((key) => `${key}=${formatValue(given[key])}`).join(",")}`;
}

function formatValue(value: unknown): string {
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (typeof value === "string") return encodeURIComponent(value);
  return encodeURIComponent(JSON.stringify(value) ?? String(value));
}
