import type { Candle, CandlewickConfig } from "@candlewick/core";
import type { ParamOverrides } from "@candlewick/sdk";
import type { z } from "zod";

/** The backtest an analysis of a strategy starts from (`analyzeLookahead`, `analyzeWarmup`): its candles and window. */
export interface AnalysisRunOptions<Schema extends z.ZodType = z.ZodType> {
  /** The symbol's 1m candles, oldest first: history before `from`, then the window. */
  readonly candles: readonly Candle[];
  /** Start of the backtest (default: the first candle). Candles before it are history. */
  readonly from?: Date;
  /** Exclusive end (default: after the last candle). */
  readonly to?: Date;
  /** Symbol the candles are served as. Default `"BTCUSDT"`. */
  readonly symbol?: string;
  /** Parameter overrides of a `defineStrategy` definition. */
  readonly params?: ParamOverrides<Schema>;
  /** Per-run config overrides, the same for every run of the analysis. */
  readonly config?: Partial<CandlewickConfig>;
}
