import { z } from "zod";

/** zod schema of {@link HtmlReporterOptions}; strict, so a misspelt option is an error. */
export const htmlReporterOptionsSchema = z
  .object({
    title: z.string().min(1).max(200).optional(),
    decimals: z.number().int().min(0).max(8).optional(),
    ratioDecimals: z.number().int().min(0).max(8).optional(),
    maxTableRows: z.number().int().min(1).max(100_000).optional(),
  })
  .strict();

/** Options of `createHtmlReporter` and the `render…Html` functions. Every field is optional. */
export interface HtmlReporterOptions {
  /** The page title. Default: the report kind and its name (`Backtest: sma-cross`). */
  readonly title?: string;
  /** Decimals of percentages, minutes and days. Default 2. */
  readonly decimals?: number;
  /** Decimals of unitless ratios (Sharpe, profit factor…). Default 3. */
  readonly ratioDecimals?: number;
  /** Rows of the trade and trial tables; the rest is counted in a note (the charts keep every point). Default 500. */
  readonly maxTableRows?: number;
}

/** {@link HtmlReporterOptions} with the defaults applied. */
export interface ResolvedHtmlOptions {
  readonly title: string | undefined;
  readonly decimals: number;
  readonly ratioDecimals: number;
  readonly maxTableRows: number;
}
