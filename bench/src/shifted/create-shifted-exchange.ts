import { existsSync } from "node:fs";
import { join } from "node:path";
import {
  type Candle,
  type CandleColumns,
  type CandleInterval,
  ExchangeError,
  type ExchangeSchema,
  InvalidArgumentError,
} from "@candlewick/core";
import {
  aggregateCandles,
  type CandleTable,
  intervalToMs,
  readCandleCsv,
  tableToCandles,
} from "@candlewick/core/internal";

const DAY_MS = 86_400_000;

/** Options of `createShiftedExchange`. */
export interface ShiftedExchangeOptions {
  /** How many symbols to serve (1 or more). */
  readonly count: number;
  /** Folder of `<SYMBOL>-1m.csv.gz` (or `.csv`) files: the real candles every symbol is made of. */
  readonly dir: string;
  /** The real symbols taken in turn: symbol `k` is made of `baseSymbols[k % baseSymbols.length]`. */
  readonly baseSymbols: readonly string[];
  /** Days between the shifts of two consecutive symbols of the same base. Default 1. */
  readonly shiftDays?: number;
  /** Name to register under. Default `"shifted"`. */
  readonly exchangeName?: string;
}

/** Where one synthetic symbol's candles come from. */
export interface ShiftedSymbol {
  readonly symbol: string;
  readonly baseSymbol: string;
  /** Added to every open time: the symbol's candle at `t` is the base candle at `t - shiftMs`. */
  readonly shiftMs: number;
}

/** An exchange of synthetic symbols, each a real symbol's candles moved in time (see `createShiftedExchange`). */
export interface ShiftedExchange extends ExchangeSchema {
  /** Every symbol served, in order `0 .. count-1`. */
  readonly symbols: readonly ShiftedSymbol[];
}

/**
 * An exchange serving `count` symbols made from real candles by time shifts: no price is invented.
 *
 * How the symbols are made: symbol `k` takes base `b = baseSymbols[k % B]` (B bases) and the shift
 * `s = floor(k / B) * shiftDays` days, and its candle opening at `t` is the base's real candle opening at
 * `t - s` with only the open time changed. The first B symbols (shift 0) keep the real names; the others are
 * named `<base>+<s>d`, e.g. `ETHUSDT+7d`. Shifts are whole days, so every interval up to 1d stays aligned,
 * a gap-free base file gives gap-free symbols, and all the symbols cover the same minutes wherever the
 * base covers the shifted range. Longer intervals are rolled up from the base's 1m candles, as the CSV
 * exchange does. The core validates what this serves like any exchange's candles.
 */
export function createShiftedExchange(options: ShiftedExchangeOptions): ShiftedExchange {
  const { count, dir, baseSymbols, shiftDays = 1, exchangeName = "shifted" } = options;
  const component = "createShiftedExchange";
  if (!Number.isInteger(count) || count < 1) {
    throw new InvalidArgumentError(component, "count", count, "a whole number >= 1");
  }
  if (!Array.isArray(baseSymbols) || baseSymbols.length === 0) {
    throw new InvalidArgumentError(component, "baseSymbols", baseSymbols, "a non-empty list of symbols");
  }
  if (!Number.isInteger(shiftDays) || shiftDays < 1) {
    throw new InvalidArgumentError(component, "shiftDays", shiftDays, "a whole number of days >= 1");
  }
  const symbols: ShiftedSymbol[] = Array.from({ length: count }, (_, k) => {
    const baseSymbol = baseSymbols[k % baseSymbols.length]!;
    const days = Math.floor(k / baseSymbols.length) * shiftDays;
    return { symbol: days === 0 ? baseSymbol : `${baseSymbol}+${days}d`, baseSymbol, shiftMs: days * DAY_MS };
  });
  const bySymbol = new Map(symbols.map((entry) => [entry.symbol, entry]));
  // One table per base symbol and interval, shared by every symbol made from it.
  const tables = new Map<string, Promise<CandleTable>>();

  const baseTable = (baseSymbol: string, interval: CandleInterval): Promise<CandleTable> => {
    const key = `${baseSymbol}\0${interval}`;
    let table = tables.get(key);
    if (table === undefined) {
      if (interval === "1m") {
        const path = [".csv.gz", ".csv"]
          .map((ext) => join(dir, `${baseSymbol}-1m${ext}`))
          .find((candidate) => existsSync(candidate));
        table =
          path === undefined
            ? Promise.reject(
                new ExchangeError(exchangeName, `no candle file ${join(dir, `${baseSymbol}-1m.csv.gz`)}`, {
                  symbol: baseSymbol,
                }),
              )
            : readCandleCsv(path, exchangeName);
      } else {
        table = baseTable(baseSymbol, "1m").then((minutes) =>
          aggregateCandles(minutes, intervalToMs(interval)),
        );
      }
      tables.set(key, table);
      // A failed load is not cached: the file may appear or be fixed.
      table.catch(() => tables.delete(key));
    }
    return table;
  };

  /** The base rows serving `symbol` from `since` on (at most `limit`), and the shift to add to their times. */
  const rows = async (symbol: string, interval: CandleInterval, since: Date, limit: number) => {
    intervalToMs(interval, component, "interval");
    const entry = bySymbol.get(symbol);
    if (entry === undefined) {
      const some = symbols.slice(0, 3).map((known) => known.symbol);
      throw new ExchangeError(
        exchangeName,
        `unknown symbol ${symbol}: expected one of the ${count} symbols made here (${some.join(", ")}${count > 3 ? ", …" : ""})`,
        { symbol },
      );
    }
    const table = await baseTable(entry.baseSymbol, interval);
    const shift = entry.shiftMs;
    const first = since.getTime() - shift;
    let lo = 0;
    let hi = table.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (table.timestamp[mid]! < first) lo = mid + 1;
      else hi = mid;
    }
    return { table, from: lo, to: Math.min(table.length, lo + limit), shift };
  };

  /** The candles of `symbol` from `since` on: views of the base's price columns, new open times. */
  const columns = async (
    symbol: string,
    interval: CandleInterval,
    since: Date,
    limit: number,
  ): Promise<CandleColumns> => {
    const { table, from, to, shift } = await rows(symbol, interval, since, limit);
    const timestamp = new Float64Array(to - from);
    for (let i = from; i < to; i++) timestamp[i - from] = table.timestamp[i]! + shift;
    return {
      length: to - from,
      timestamp,
      open: table.open.subarray(from, to),
      high: table.high.subarray(from, to),
      low: table.low.subarray(from, to),
      close: table.close.subarray(from, to),
      volume: table.volume.subarray(from, to),
    };
  };

  return {
    exchangeName,
    maxCandlesPerRequest: 100_000,
    note: `${count} symbols made from ${baseSymbols.join(", ")} by shifts of ${shiftDays} day(s)`,
    symbols,
    getCandles: async (symbol, interval, since, limit): Promise<Candle[]> =>
      tableToCandles(await columns(symbol, interval, since, limit)),
    getCandleColumns: columns,
  };
}
