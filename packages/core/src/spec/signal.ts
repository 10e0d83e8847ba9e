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
  /** Entry price: the limit price while scheduled, the fill price once opened. */
  readonly priceOpen: number;
  readonly priceTakeProfit: number;
  readonly priceStopLoss: number;
  readonly minuteEstimatedTime: number;
  readonly note?: string;
  /** When `getSignal` produced it (epoch ms). */
  readonly scheduledAt: number;
  /** When the position opened (epoch ms); 0 while scheduled. Lifetime counts from here. */
  readonly pendingAt: number;
}

/** Why a position closed. `end_of_data` means the exchange had no candles left to decide it. */
export type CloseReason = "take_profit" | "stop_loss" | "time_expired" | "end_of_data";

/** Why a scheduled signal was dropped before it opened. */
export type CancelReason = "timeout" | "price_reject" | "end_of_data" | "user";

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
}
