import { fileURLToPath } from "node:url";
import { InvalidArgumentError } from "@candlewick/core";
import { createShiftedExchange, type ShiftedExchange } from "./create-shifted-exchange.js";

/** The shipped 2025 BTCUSDT/ETHUSDT files: 2025-05-20 00:00 → 2025-08-18 18:27 UTC, 1m, no gaps. */
export const SHIPPED_CANDLES_DIR = fileURLToPath(new URL("../../../data/candles/", import.meta.url));

/** Most symbols the 30-day frame below allows: 2 bases × shifts of 0..49 days. */
export const MAX_PORTFOLIO_SYMBOLS = 100;

/**
 * The bench's portfolio: up to 100 symbols over the same 30 days (2025-07-10 → 2025-08-09 UTC), made of the
 * shipped BTCUSDT and ETHUSDT candles by shifts of whole days (`BTCUSDT`, `ETHUSDT`, `BTCUSDT+1d`,
 * `ETHUSDT+1d`, … `ETHUSDT+49d`; see `createShiftedExchange`). Why this frame: a backtest loads a day of
 * warm-up before it and about a day of tail after it, and the symbol shifted by 49 days has candles from
 * 2025-07-08 on, the unshifted ones until 2025-08-18; so every symbol has every minute of the load, real and
 * gap-free.
 */
export function createShiftedPortfolio(count: number = MAX_PORTFOLIO_SYMBOLS): {
  readonly exchange: ShiftedExchange;
  readonly symbols: readonly string[];
  readonly startDate: Date;
  readonly endDate: Date;
} {
  if (!Number.isInteger(count) || count < 1 || count > MAX_PORTFOLIO_SYMBOLS) {
    throw new InvalidArgumentError(
      "createShiftedPortfolio",
      "count",
      count,
      `a whole number in 1..${MAX_PORTFOLIO_SYMBOLS}`,
    );
  }
  const exchange = createShiftedExchange({
    count,
    dir: SHIPPED_CANDLES_DIR,
    baseSymbols: ["BTCUSDT", "ETHUSDT"],
    exchangeName: "shifted-portfolio",
  });
  return {
    exchange,
    symbols: exchange.symbols.map((entry) => entry.symbol),
    startDate: new Date("2025-07-10T00:00:00Z"),
    endDate: new Date("2025-08-09T00:00:00Z"),
  };
}
