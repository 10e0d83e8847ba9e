import {
  type Candle,
  createCsvExchange,
  ExchangeError,
  type ExchangeSchema,
  InvalidArgumentError,
} from "@candlewick/core";
import { intervalToMs } from "@candlewick/core/internal";

const HOUR_MS = 3_600_000;

/** One synthetic symbol: a real base symbol's candles moved later by `shiftMs`. */
export interface HourShiftedSymbol {
  readonly symbol: string;
  readonly baseSymbol: string;
  readonly shiftMs: number;
}

/** Options of `createHourShiftedExchange`. */
export interface HourShiftedExchangeOptions {
  /** How many symbols to serve (1 or more). */
  readonly count: number;
  /** Folder of `<SYMBOL>-1m.csv.gz` files (read by `createCsvExchange`). */
  readonly dir: string;
  /** Real symbols taken in turn: symbol `k` is made of `baseSymbols[k % baseSymbols.length]`. */
  readonly baseSymbols: readonly string[];
  /** Hours between the shifts of two consecutive symbols of one base; must divide 24. */
  readonly shiftHours: number;
  readonly exchangeName: string;
}

/**
 * `count` symbols made of real candles by time shifts (no price invented): symbol `k` is base
 * `b = baseSymbols[k % B]` moved later by `floor(k / B) * shiftHours` hours, named `<base>+<h>h` (the first B keep
 * the real names). Whole hours dividing a day keep every interval up to `shiftHours` aligned; longer ones are refused.
 * The replay bench needs 200 symbols over one week, more than whole-day shifts of the 90-day files allow.
 */
export function createHourShiftedExchange(options: HourShiftedExchangeOptions): ExchangeSchema & {
  readonly symbols: readonly HourShiftedSymbol[];
} {
  const { count, dir, baseSymbols, shiftHours, exchangeName } = options;
  const component = "createHourShiftedExchange";
  if (!Number.isInteger(count) || count < 1) {
    throw new InvalidArgumentError(component, "count", count, "a whole number >= 1");
  }
  if (!Number.isInteger(shiftHours) || shiftHours < 1 || 24 % shiftHours !== 0) {
    throw new InvalidArgumentError(
      component,
      "shiftHours",
      shiftHours,
      "a whole number of hours dividing 24",
    );
  }
  const source = createCsvExchange({ exchangeName: `${exchangeName}-files`, dir });
  const symbols: HourShiftedSymbol[] = Array.from({ length: count }, (_, k) => {
    const baseSymbol = baseSymbols[k % baseSymbols.length]!;
    const hours = Math.floor(k / baseSymbols.length) * shiftHours;
    return {
      symbol: hours === 0 ? baseSymbol : `${baseSymbol}+${hours}h`,
      baseSymbol,
      shiftMs: hours * HOUR_MS,
    };
  });
  const bySymbol = new Map(symbols.map((entry) => [entry.symbol, entry]));
  return {
    exchangeName,
    maxCandlesPerRequest: 100_000,
    symbols,
    async getCandles(symbol, interval, since, limit): Promise<readonly Candle[]> {
      const stepMs = intervalToMs(interval, component, "interval");
      const entry = bySymbol.get(symbol);
      if (entry === undefined) {
        throw new ExchangeError(
          exchangeName,
          `unknown symbol ${symbol}: expected one of the ${count} made here`,
          {
            symbol,
          },
        );
      }
      if (stepMs > shiftHours * HOUR_MS) {
        throw new InvalidArgumentError(
          component,
          "interval",
          interval,
          `at most ${shiftHours}h (the shift step)`,
        );
      }
      const base = await source.getCandles(
        entry.baseSymbol,
        interval,
        new Date(since.getTime() - entry.shiftMs),
        limit,
      );
      // The CSV exchange builds fresh objects per call, so moving their times in place touches nothing shared.
      for (const candle of base) (candle as { timestamp: number }).timestamp += entry.shiftMs;
      return base;
    },
  };
}
