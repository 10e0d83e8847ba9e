import { z } from "zod";
import type { CandlewickConfig } from "../config/candlewick-config.js";
import { parseWithSchema } from "../validation/parse-with-schema.js";

/** What a portfolio backtest runs: every listed strategy on every listed symbol, on one clock and one account. */
export interface PortfolioOptions {
  /** Keys the run's report (`Portfolio.getData(portfolioName)`); a new run under the same name replaces it. Default `"portfolio"`. */
  readonly portfolioName?: string;
  /** The symbols, in the order fills are processed in within one instant. Distinct, at least one. */
  readonly symbols: readonly string[];
  /** The registered strategies, in the order new signals are asked for (then by symbol). Distinct, at least one. */
  readonly strategies: readonly string[];
  readonly exchangeName: string;
  readonly frameName: string;
  /**
   * Overrides of the engine's config for this run. `initialCapital`, `allowMargin` and `sizing` apply to the one
   * account every position shares.
   */
  readonly config?: Partial<CandlewickConfig>;
}

/** The default `portfolioName`. */
export const DEFAULT_PORTFOLIO_NAME = "portfolio";

const distinctNames = (what: string) =>
  z
    .array(z.string({ error: `a ${what}` }).min(1, `a non-empty ${what}`), {
      error: `an array of ${what}s`,
    })
    .min(1, `at least one ${what}`)
    .refine((names) => new Set(names).size === names.length, `distinct ${what}s (one is listed twice)`);

const portfolioOptionsSchema = z.strictObject(
  {
    portfolioName: z.string({ error: "a name" }).min(1, "a non-empty name").optional(),
    symbols: distinctNames("symbol"),
    strategies: distinctNames("strategy name"),
    exchangeName: z.string({ error: "a registered exchange's name" }),
    frameName: z.string({ error: "a registered frame's name" }),
    config: z.looseObject({}, { error: "an object of config overrides" }).optional(),
  },
  { error: "an object { symbols, strategies, exchangeName, frameName, portfolioName?, config? }" },
);

/** Checks `Portfolio.run`'s options (names are resolved later, against the engine's registries). */
export function parsePortfolioOptions(component: string, options: unknown): PortfolioOptions {
  return parseWithSchema(component, portfolioOptionsSchema, options) as PortfolioOptions;
}
