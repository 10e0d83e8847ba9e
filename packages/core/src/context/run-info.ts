import { requireContext } from "./execution-context.js";

/** The current execution time of the run (virtual in backtests). */
export function getDate(): Date {
  return new Date(requireContext("getDate").when);
}

/** `"backtest"` in backtests and walker runs, `"live"` in live runs. */
export function getMode(): "backtest" | "live" {
  return requireContext("getMode").backtest ? "backtest" : "live";
}

/** Which run the calling code is part of, and when it is. */
export function getContext(): {
  runId: string;
  symbol: string;
  when: Date;
  backtest: boolean;
  strategyName: string;
  exchangeName: string;
  frameName: string;
} {
  const { symbol, when, backtest, run } = requireContext("getContext");
  return {
    runId: run.runId,
    symbol,
    when: new Date(when),
    backtest,
    strategyName: run.strategyName,
    exchangeName: run.exchangeName,
    frameName: run.frameName,
  };
}

/** The exchange's price formatting for `symbol` (8 decimals, trimmed, when the exchange has none). */
export async function formatPrice(symbol: string, price: number): Promise<string> {
  const { exchange } = requireContext("formatPrice").run;
  return exchange.formatPrice ? await exchange.formatPrice(symbol, price) : trimDecimals(price);
}

/** The exchange's quantity formatting for `symbol` (8 decimals, trimmed, when the exchange has none). */
export async function formatQuantity(symbol: string, quantity: number): Promise<string> {
  const { exchange } = requireContext("formatQuantity").run;
  return exchange.formatQuantity ? await exchange.formatQuantity(symbol, quantity) : trimDecimals(quantity);
}

function trimDecimals(value: number): string {
  return value.toFixed(8).replace(/\.?0+$/, "");
}
