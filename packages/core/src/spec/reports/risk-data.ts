import type { RiskRejection } from "../risk.js";

/** How many rejections one risk, rule, symbol or strategy got. */
export interface RiskTally {
  readonly name: string;
  readonly count: number;
}

/**
 * `Risk.getData`: the signals an engine's risks rejected, over every risk or one, every symbol or one, backtest
 * and live together (each rejection says which). Backtests report like `Backtest.getData`: a new backtest of a
 * (strategy, symbol) replaces that pair's earlier backtest rejections. Live rejections are all kept.
 * JSON-serialisable.
 */
export interface RiskData {
  /** The risk reported on; null for every risk. */
  readonly riskName: string | null;
  /** The symbol reported on; null for every symbol. */
  readonly symbol: string | null;
  readonly totalRejections: number;
  readonly backtestRejections: number;
  readonly liveRejections: number;
  /** Rejections per risk, most first (ties by name). */
  readonly byRisk: readonly RiskTally[];
  /** Per rule: a built-in limit (`maxExposure`, …), a validation's name, `validations[i]`, `cash` or `size`. */
  readonly byRule: readonly RiskTally[];
  readonly bySymbol: readonly RiskTally[];
  readonly byStrategy: readonly RiskTally[];
  /** Every rejection, in the order they happened (the order `listenRisk` saw them). */
  readonly rejections: readonly RiskRejection[];
}
