import { z } from "zod";

/** zod schema of {@link MarkdownReporterOptions}; strict, so a misspelt option is an error. */
export const markdownReporterOptionsSchema = z
  .object({
    decimals: z.number().int().min(0).max(8).optional(),
    ratioDecimals: z.number().int().min(0).max(8).optional(),
    priceDecimals: z.number().int().min(0).max(12).optional(),
  })
  .strict();

/** Options of `createMarkdownReporter`. Every field is optional. */
export interface MarkdownReporterOptions {
  /** Decimals of percentages, minutes and days. Default 2 (`36.17%`, `95.50 min`). */
  readonly decimals?: number;
  /** Decimals of unitless ratios (Sharpe, Sortino, profit factor…). Default 3. */
  readonly ratioDecimals?: number;
  /**
   * Decimals of prices. Default: by magnitude, so every price keeps at least five significant digits:
   * 2 from 1000 up, 4 from 1, 6 from 0.01, 8 below.
   */
  readonly priceDecimals?: number;
}

/** {@link MarkdownReporterOptions} with the defaults applied. */
export interface ResolvedMarkdownReporterOptions {
  readonly decimals: number;
  readonly ratioDecimals: number;
  readonly priceDecimals: number | undefined;
}
