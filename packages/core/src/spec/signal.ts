import type {
  BreakevenRule,
  LevelChange,
  PositionFill,
  PositionRules,
  ResolvedRung,
  TakeProfitRung,
  TrailingStopRule,
} from "./position.js";

/** Direction of a position. */
export type SignalPosition = "long" | "short";

/**
 * What `getSignal` returns to open a position. Prices are in quote currency.
 * Without `priceOpen` the entry is a market entry at the current price; with a `priceOpen` the market has
 * not reached yet, the signal is *scheduled* (a limit entry) until the price reaches it.
 */
export interface SignalDto {
  readonly position: SignalPosition;
  readonly priceTakeProfit: number;
  readonly priceStopLoss: number;
  /** Lifetime in minutes, counted from activation. Defaults to `defaultSignalLifetimeMinutes` (1440). */
  readonly minuteEstimatedTime?: number;
  /** Limit entry price. Absent: market entry now. */
  readonly priceOpen?: number;
  /** Free text carried into results and reports. */
  readonly note?: string;
  /** Your own id. Defaults to a deterministic id derived from the run, the symbol and the time. */
  readonly id?: string;
  /** Quote currency to spend on the entry. Without it (and without `quantity`) the run's `sizing` decides. */
  readonly cost?: number;
  /** Base quantity to buy (long) or sell (short). Exclusive with `cost`. */
  readonly quantity?: number;
  /** A stop that follows the best price (evaluated in the fill scan; see `TrailingStopRule`). */
  readonly trailingStop?: TrailingStopRule;
  /** Move the stop to breakeven once the price has gone far enough (see `BreakevenRule`). */
  readonly breakeven?: BreakevenRule;
  /** Partial exits on the way to `priceTakeProfit`, nearest first (see `TakeProfitRung`). */
  readonly takeProfitLadder?: readonly TakeProfitRung[];
}

/** A signal the engine accepted: the DTO resolved against the run and the market. */
export interface SignalRow {
  readonly id: string;
  readonly symbol: string;
  readonly strategyName: string;
  readonly exchangeName: string;
  /** Empty string in live mode. */
  readonly frameName: string;
  readonly position: SignalPosition;
  /**
   * Entry price: the limit price while scheduled, the raw fill price once opened, and the quantity-weighted
   * average of every entry after a DCA add.
   */
  readonly priceOpen: number;
  /** The current take-profit: it moves with `commitTrailingTake`. */
  readonly priceTakeProfit: number;
  /** The current stop: it moves with a trailing stop, a breakeven, or a command. */
  readonly priceStopLoss: number;
  /** The levels the signal was accepted with. */
  readonly originalPriceTakeProfit: number;
  readonly originalPriceStopLoss: number;
  /** Base quantity held now (while scheduled: the quantity the entry will buy). */
  readonly quantity: number;
  /** Every entry so far (none while scheduled); the first is the signal's own entry. */
  readonly entries: readonly PositionFill[];
  /** Every exit so far: ladder rungs and partial exits, then the final exit once closed. */
  readonly exits: readonly PositionFill[];
  /** Moves of the stop and the take-profit, in time order. */
  readonly levelChanges: readonly LevelChange[];
  /** The declarative rules the signal carries, with the ladder resolved to prices and quantities at the entry. */
  readonly rules?: PositionRules;
  readonly ladder?: readonly ResolvedRung[];
  readonly minuteEstimatedTime: number;
  readonly note?: string;
  /** When `getSignal` produced it (epoch ms). */
  readonly scheduledAt: number;
  /** When the position opened (epoch ms); 0 while scheduled. Lifetime counts from here. */
  readonly pendingAt: number;
}

/**
 * Why a position closed. `end_of_data` means the exchange had no candles left to decide it; `closed` that the
 * strategy closed it (`commitClosePending`).
 */
export type CloseReason = "take_profit" | "stop_loss" | "time_expired" | "end_of_data" | "closed";

/** Why a scheduled signal was dropped before it opened. */
export type CancelReason = "timeout" | "price_reject" | "end_of_data" | "user";

/**
 * Why a signal ended without a position: a scheduled signal's {@link CancelReason}s, or `entry_rejected`: live
 * with a broker, the venue refused the entry order (the event carries the venue's reason).
 */
export type DropReason = CancelReason | "entry_rejected";

/** Profit and loss of one closed position, fees and slippage included. */
export interface SignalPnl {
  /** Net result in percent of the entry, after fees and slippage on both sides. */
  readonly pnlPercentage: number;
  /** Raw entry price (before slippage). */
  readonly priceOpen: number;
  /** Raw exit price (before slippage). */
  readonly priceClose: number;
  /** Net PnL% had the position closed at the best price seen while it was open (MFE, costs included). */
  readonly peakPercentage: number;
  /** Net PnL% had the position closed at the worst price seen while it was open (MAE, costs included). */
  readonly troughPercentage: number;
  /** Net result in quote currency: Σ exit value − Σ entry value (long; the reverse short) − Σ fees. */
  readonly pnlCost: number;
  /** Σ fees of every fill (quote). */
  readonly fees: number;
  /** Σ entry value (quote): what `pnlPercentage` is a percentage of. */
  readonly invested: number;
}
