import type { ResolvedHtmlOptions } from "./html-reporter-options.js";

/** How a number is shown: its unit decides the decimals and the suffix. */
export type ValueUnit = "%" | "%/yr" | "ratio" | "count" | "min" | "days" | "trades/yr" | "price" | "quote";

/** Formats numbers for the page; `null` is `n/a`. */
export interface ValueFormat {
  value(value: number | null | undefined, unit: ValueUnit): string;
  /** `2026-04-01 09:30 UTC`. */
  time(epochMs: number): string;
}

/** The page's number format for the resolved options. */
export function createValueFormat(options: ResolvedHtmlOptions): ValueFormat {
  const fixed = (value: number, decimals: number) => value.toFixed(decimals);
  return {
    value(value, unit) {
      if (value === null || value === undefined || !Number.isFinite(value)) return "n/a";
      switch (unit) {
        case "%":
          return `${fixed(value, options.decimals)}%`;
        case "%/yr":
          return `${fixed(value, options.decimals)}% /yr`;
        case "ratio":
          return fixed(value, options.ratioDecimals);
        case "count":
          return String(Math.round(value));
        case "min":
          return `${fixed(value, options.decimals)} min`;
        case "days":
          return `${fixed(value, options.decimals)} d`;
        case "trades/yr":
          return `${fixed(value, options.decimals)} /yr`;
        case "price":
          return fixed(value, priceDecimals(value));
        case "quote":
          return fixed(value, 2);
      }
    },
    time(epochMs) {
      return `${new Date(epochMs).toISOString().slice(0, 16).replace("T", " ")} UTC`;
    },
  };
}

/** Five significant digits at least: 2 decimals from 1000 up, 4 from 1, 6 from 0.01, 8 below. */
function priceDecimals(price: number): number {
  const size = Math.abs(price);
  return size >= 1000 ? 2 : size >= 1 ? 4 : size >= 0.01 ? 6 : 8;
}

/** `pos` / `neg` for coloured cells. */
export function signClass(value: number | null | undefined): string {
  return value === null || value === undefined || value === 0 ? "" : value > 0 ? "pos" : "neg";
}
