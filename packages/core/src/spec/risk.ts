import type { SignalPosition } from "./signal.js";

/** A position (or a scheduled entry, which reserves its cost) as risk checks see it. */
export interface RiskPosition {
  readonly symbol: string;
  readonly strategyName: string;
  readonly position: SignalPosition;
  /** `opened`, or `scheduled` (not filled yet; it counts against the limits from the moment it is accepted). */
  readonly phase: "opened" | "scheduled";
  /** Cost basis still held (quote): Σ entry value minus the entry value of what was exited. */
  readonly exposure: number;
}

/** The signal a risk is asked about, with the size the engine computed for it. */
export interface RiskCandidate {
  readonly symbol: string;
  readonly strategyName: string;
  readonly exchangeName: string;
  readonly position: SignalPosition;
  readonly priceOpen: number;
  readonly priceTakeProfit: number;
  readonly priceStopLoss: number;
  readonly quantity: number;
  /** Quote currency the entry spends. */
  readonly cost: number;
  /** `open` for a new signal, `average_buy` for a DCA add to an open position. */
  readonly kind: "open" | "average_buy";
}

/** What every validation sees: the candidate, and the account and positions at the decision time. */
export interface RiskContext {
  readonly candidate: RiskCandidate;
  /** Every position open or scheduled in the run (the portfolio's, in a portfolio backtest). */
  readonly positions: readonly RiskPosition[];
  /** Cash + marked-to-market positions (quote). */
  readonly equity: number;
  readonly cash: number;
  /** Realised PnL (fees deducted) of fills since 00:00 UTC of the decision day (quote, negative = loss). */
  readonly dayPnl: number;
  /** Decision time (epoch ms). */
  readonly timestamp: number;
  readonly backtest: boolean;
}

/** A custom validation: return or throw a reason (a string or an Error) to reject; return nothing to allow. */
// biome-ignore lint/suspicious/noConfusingVoidType: a validation written as a function with no return statement returns void
export type RiskValidationFn = (context: RiskContext) => string | Error | null | undefined | void;

/** A custom validation with a name shown in rejections and reports. */
export interface RiskValidation {
  readonly name?: string;
  readonly validate: RiskValidationFn;
}

/** Built-in limits of a risk; every one is optional. */
export interface RiskLimits {
  /** Open + scheduled positions over every symbol and strategy that share this risk. */
  readonly maxConcurrentPositions?: number;
  /** Open + scheduled positions on one symbol. */
  readonly maxPositionsPerSymbol?: number;
  /** Σ exposure (quote) after the candidate is added. */
  readonly maxExposure?: number;
  /** No new entry once today's realised loss (quote, fees included) reaches this amount (> 0). */
  readonly maxDailyLoss?: number;
}

/** A risk registered with `addRisk`; strategies name it in `riskName` or `riskList`. */
export interface RiskSchema extends RiskLimits {
  /** Unique per engine. `"account"` is reserved: the engine reports its own cash refusals under it. */
  readonly riskName: string;
  /** Custom validations, run in order after the built-in limits. */
  readonly validations?: readonly (RiskValidation | RiskValidationFn)[];
  readonly note?: string;
}

/** A rejected signal, delivered to `listenRisk` and kept for `Risk.getData`. */
export interface RiskRejection {
  /** The registered risk that refused it, or `"account"` for the engine's own cash check. */
  readonly riskName: string;
  /** The built-in limit's name (`maxConcurrentPositions`, …), the validation's `name`, or `cash` / `size`. */
  readonly rule: string;
  readonly reason: string;
  readonly candidate: RiskCandidate;
  readonly timestamp: number;
  readonly backtest: boolean;
  readonly frameName: string;
  /** Open + scheduled positions at the decision. */
  readonly activePositions: number;
}
