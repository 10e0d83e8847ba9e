/** How the engine decides fills while a signal is scheduled or open. See architecture/semantics.md. */
export type FillModel = "candle" | "vwap" | "backtest-kit";
