import type { ResolvedMarkdownReporterOptions } from "./markdown-reporter-options.js";

/** Turns numbers into text with their unit and a precision that suits them. Every method takes a finite number. */
export interface ValueFormat {
  /** `36.17%` */
  percent(value: number): string;
  /** `+1.23%`, `-0.40%`, `0.00%`: for results, where the sign matters. */
  signedPercent(value: number): string;
  /** `0.367`: unitless ratios. */
  ratio(value: number): string;
  /** `47` */
  count(value: number): string;
  /** A plain number with the percent decimals, e.g. trades per year. */
  decimal(value: number): string;
  /** `71249.51`, `3.4560`, `0.00012340`: decimals by magnitude unless fixed by `priceDecimals`. */
  price(value: number): string;
  /** `95.50 min` */
  minutes(value: number): string;
  /** `29.00 d` */
  days(value: number): string;
  /** `0.0068 ms`, `0.123 ms`, `12.35 ms`, `1234.5 ms`: decimals by magnitude. */
  milliseconds(value: number): string;
  /** `2026-04-01T00:15:00Z`: ISO 8601, UTC, milliseconds only when there are some. */
  timestamp(epochMs: number): string;
}

/** `value.toFixed(decimals)` without a negative zero ("-0.00" reads as a loss that is not there). */
export function fixed(value: number, decimals: number): string {
  const text = value.toFixed(decimals);
  return /^-0(?:\.0*)?$/.test(text) ? text.slice(1) : text;
}

/** Price decimals by magnitude: at least five significant digits for any price from 1e-8 up. */
export function priceDecimalsFor(value: number): number {
  const magnitude = Math.abs(value);
  if (magnitude >= 1000) return 2;
  if (magnitude >= 1) return 4;
  if (magnitude >= 0.01) return 6;
  return 8;
}

/** The formats of a reporter with the given options. */
export function createValueFormat(options: ResolvedMarkdownReporterOptions): ValueFormat {
  const { decimals, ratioDecimals, priceDecimals } = options;
  return {
    percent: (value) => `${fixed(value, decimals)}%`,
    signedPercent: (value) => {
      const text = fixed(value, decimals);
      return `${value > 0 && /[1-9]/.test(text) ? "+" : ""}${text}%`;
    },
    ratio: (value) => fixed(value, ratioDecimals),
    count: (value) => String(value),
    decimal: (value) => fixed(value, decimals),
    price: (value) => fixed(value, priceDecimals ?? priceDecimalsFor(value)),
    minutes: (value) => `${fixed(value, decimals)} min`,
    days: (value) => `${fixed(value, decimals)} d`,
    milliseconds: (value) => {
      const magnitude = Math.abs(value);
      const places =
        magnitude < 0.1 ? 4 : magnitude < 1 ? 3 : magnitude < 100 ? 2 : magnitude < 10_000 ? 1 : 0;
      return `${fixed(value, places)} ms`;
    },
    timestamp: (epochMs) => new Date(epochMs).toISOString().replace(".000Z", "Z"),
  };
}
