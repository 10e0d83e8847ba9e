import type { ValueFormat } from "./value-format.js";

/** How a number is shown: which unit, which precision. */
export type StatisticKind =
  | "count"
  | "percent"
  | "signedPercent"
  | "ratio"
  | "decimal"
  | "minutes"
  | "days"
  | "timestamp";

/** Formats a value of the given kind; null becomes `n/a`, followed by the reason in brackets when one is given. */
export function formatStatistic(
  format: ValueFormat,
  kind: StatisticKind,
  value: number | null,
  reason?: string,
): string {
  if (value === null) return reason === undefined ? "n/a" : `n/a (${reason})`;
  switch (kind) {
    case "count":
      return format.count(value);
    case "percent":
      return format.percent(value);
    case "signedPercent":
      return format.signedPercent(value);
    case "ratio":
      return format.ratio(value);
    case "decimal":
      return format.decimal(value);
    case "minutes":
      return format.minutes(value);
    case "days":
      return format.days(value);
    case "timestamp":
      return format.timestamp(value);
  }
}
