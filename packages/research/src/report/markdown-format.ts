/** Small formatters shared by the research reports (markdown tables of numbers). */

/** A signed percentage, `+1.23%`; `n/a` for null. */
export function pct(value: number | null | undefined, digits = 2): string {
  if (value === null || value === undefined) return "n/a";
  return `${value >= 0 ? "+" : ""}${value.toFixed(digits)}%`;
}

/** A number to `digits` places; `n/a` for null. */
export function num(value: number | null | undefined, digits = 2): string {
  if (value === null || value === undefined) return "n/a";
  return Number.isInteger(value) && digits > 0 ? String(value) : value.toFixed(digits);
}

/** `2025-06-01 12:00` (UTC), or the date alone at midnight. */
export function utc(ms: number): string {
  const iso = new Date(ms).toISOString();
  return iso.endsWith("T00:00:00.000Z") ? iso.slice(0, 10) : `${iso.slice(0, 16).replace("T", " ")}`;
}

/** Parameters as `fast=9, slow=60`. */
export function paramsText(params: Readonly<Record<string, unknown>>): string {
  return Object.entries(params)
    .map(([key, value]) => `${key}=${typeof value === "number" ? +value.toPrecision(6) : String(value)}`)
    .join(", ");
}

/** A markdown table from a header and rows of cells. */
export function table(
  header: readonly string[],
  align: string,
  rows: readonly (readonly string[])[],
): string {
  const separator = [...align].map((a) => (a === "r" ? "---:" : "---"));
  return [header, separator, ...rows].map((cells) => `| ${cells.join(" | ")} |`).join("\n");
}
