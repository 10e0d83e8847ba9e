import type { CloseReason } from "./signal.js";

/** Why a fill happened. Entries: `open` (the signal's own entry) and `average_buy` (a DCA add). */
export type EntryReason = "open" | "average_buy";

/**
 * Why an exit fill happened: a rung of the signal's take-profit ladder, a partial exit asked for by
 * `commitPartialProfit` / `commitPartialLoss`, or the final exit, which carries the position's close reason.
 */
export type ExitReason = "take_profit_ladder" | "partial_profit" | "partial_loss" | CloseReason;

/**
 * One execution of a position: an entry (it adds quantity) or an exit (it removes quantity).
 * Values are in quote currency; `price` is the market (or level) price, `fillPrice` the price after slippage,
 * which always goes against the trader. The fee is charged on `fillPrice × quantity`.
 */
export interface PositionFill {
  readonly side: "entry" | "exit";
  readonly reason: EntryReason | ExitReason;
  /** When the fill is known (epoch ms): the close of the minute it happened in, or the time of a command. */
  readonly timestamp: number;
  /** Raw price before slippage: a level that was touched, a gap's open, or the market price of a command. */
  readonly price: number;
  /** `price` moved against the trader by `percentSlippage`. */
  readonly fillPrice: number;
  /** Base currency, after the exchange's `formatQuantity`. */
  readonly quantity: number;
  /** `fillPrice × quantity`, quote currency. */
  readonly value: number;
  /** Quote currency: `value × percentFee / 100`. */
  readonly fee: number;
}

/** A level of the signal changed while it was open (trailing, breakeven, a command). */
export interface LevelChange {
  readonly timestamp: number;
  readonly level: "stop_loss" | "take_profit";
  readonly from: number;
  readonly to: number;
  readonly cause:
    | "trailing_stop"
    | "breakeven"
    | "commit_trailing_stop"
    | "commit_trailing_take"
    | "commit_breakeven";
}

/**
 * A trailing stop evaluated inside the fill scan: once the best price seen has moved `activationPercent` in the
 * position's favour from the average entry, the stop follows it at `distancePercent` behind. It only ever
 * tightens, and a level moved by a candle takes effect from the next candle.
 */
export interface TrailingStopRule {
  /** Distance of the stop behind the best price, in percent (> 0). */
  readonly distancePercent: number;
  /** Favourable move from the entry before the stop starts trailing, in percent (≥ 0). Default 0: at once. */
  readonly activationPercent?: number;
}

/**
 * A breakeven trigger evaluated inside the fill scan: once the best price seen has moved `triggerPercent` in the
 * position's favour, the stop moves to the average entry plus `offsetPercent` (if that is tighter).
 */
export interface BreakevenRule {
  /** Favourable move from the average entry that arms the move, in percent (> 0). */
  readonly triggerPercent: number;
  /**
   * Where the stop goes, in percent from the average entry in the position's favour. Default: the round-trip
   * cost `2 × (percentFee + percentSlippage)`, so a stop hit there really breaks even.
   */
  readonly offsetPercent?: number;
}

/** One rung of a take-profit ladder: at `distancePercent` in favour of the entry, exit `fraction` of the position. */
export interface TakeProfitRung {
  /** Distance from the average entry, in percent (> 0), short of the final `priceTakeProfit`. */
  readonly distancePercent: number;
  /** Share of the quantity held when the position opened, in (0, 1]. The rungs' fractions sum to at most 1. */
  readonly fraction: number;
}

/** A rung as the kernel holds it: its price and base quantity were fixed when the position opened. */
export interface ResolvedRung {
  readonly price: number;
  readonly quantity: number;
  /** True once it filled. */
  readonly filled: boolean;
}

/** Declarative rules a signal may carry; the fill scan evaluates them without calling user code. */
export interface PositionRules {
  readonly trailingStop?: TrailingStopRule;
  readonly breakeven?: BreakevenRule;
  readonly takeProfitLadder?: readonly TakeProfitRung[];
}

/** A position's state so far: what `getPosition(symbol)` answers inside strategy code. */
export interface PositionSnapshot {
  readonly quantity: number;
  /** Volume-weighted raw entry price of every entry. */
  readonly averagePrice: number;
  readonly entries: readonly PositionFill[];
  readonly exits: readonly PositionFill[];
  /** Σ entry value (quote). */
  readonly invested: number;
  /** Realised PnL of the exits so far, fees of every fill so far deducted (quote). */
  readonly realizedPnl: number;
  /** What closing the rest at `markPrice` (with slippage and fee) would add (quote). */
  readonly unrealizedPnl: number;
  /** Σ fees so far (quote). */
  readonly fees: number;
  readonly markPrice: number;
}
