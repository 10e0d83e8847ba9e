import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { intervalToMs } from "../candles/interval.js";
import { ExchangeError } from "../errors/exchange-error.js";
import type { ExchangeSchema } from "../spec/exchange.js";
import type { CandleInterval } from "../spec/interval.js";
import { parseWithSchema } from "../validation/parse-with-schema.js";
import { aggregateCandles } from "./aggregate-candles.js";
import { type CandleTable, sliceCandleColumns, tableToCandles } from "./candle-table.js";
import { readCandleCsv } from "./read-candle-csv.js";

/** Options of `createCsvExchange`. */
export interface CsvExchangeOptions {
  /** Name to register under. Default `"csv"`. */
  readonly exchangeName?: string;
  /**
   * A folder of `<SYMBOL>-<interval>.csv` or `.csv.gz` files (e.g. `BTCUSDT-1m.csv.gz`). Intervals without a file
   * are rolled up from the symbol's 1m file.
   */
  readonly dir?: string;
  /** Explicit files per symbol and interval, e.g. `{ BTCUSDT: { "1m": "./btc.csv.gz" } }`. Checked before `dir`. */
  readonly files?: Readonly<Record<string, Partial<Record<CandleInterval, string>>>>;
  /** Decimals of `formatPrice` / `formatQuantity`. Default 8, trailing zeros trimmed. */
  readonly priceDecimals?: number;
  readonly quantityDecimals?: number;
}

const optionsSchema = z
  .object({
    exchangeName: z.string().min(1).default("csv"),
    dir: z.string().min(1).optional(),
    files: z.record(z.string(), z.record(z.string(), z.string())).optional(),
    priceDecimals: z.number().int().min(0).max(16).default(8),
    quantityDecimals: z.number().int().min(0).max(16).default(8),
  })
  .strict()
  .refine((value) => value.dir !== undefined || value.files !== undefined, {
    message: 'a "dir" or "files" option',
    path: ["dir"],
  });

/**
 * An offline exchange over local candle files: backtests with no network, on data you already have. Files are
 * read once, on first use, straight into typed arrays; requests are served from memory in pages of 100,000,
 * as candles or (`getCandleColumns`, what the core uses) as views of those arrays.
 */
export function createCsvExchange(options: CsvExchangeOptions): ExchangeSchema {
  const { exchangeName, dir, files, priceDecimals, quantityDecimals } = parseWithSchema(
    "createCsvExchange",
    optionsSchema,
    options,
  );
  const tables = new Map<string, Promise<CandleTable>>();

  const fileFor = (symbol: string, interval: string): string | undefined => {
    const explicit = files?.[symbol]?.[interval];
    if (explicit !== undefined) return explicit;
    if (dir === undefined) return undefined;
    return [".csv.gz", ".csv"]
      .map((ext) => join(dir, `${symbol}-${interval}${ext}`))
      .find((path) => existsSync(path));
  };

  const availableSymbols = (): string[] => {
    const names = new Set(Object.keys(files ?? {}));
    if (dir !== undefined && existsSync(dir)) {
      for (const entry of readdirSync(dir)) {
        const match = /^(.+)-1m\.csv(\.gz)?$/.exec(entry);
        if (match) names.add(match[1]!);
      }
    }
    return [...names].sort();
  };

  const load = (symbol: string, interval: CandleInterval): Promise<CandleTable> => {
    const key = `${symbol}\0${interval}`;
    let table = tables.get(key);
    if (table === undefined) {
      const path = fileFor(symbol, interval);
      if (path !== undefined) table = readCandleCsv(path, exchangeName);
      else if (interval !== "1m")
        table = load(symbol, "1m").then((minutes) => aggregateCandles(minutes, intervalToMs(interval)));
      else {
        const known = availableSymbols();
        table = Promise.reject(
          new ExchangeError(
            exchangeName,
            `no candle file for ${symbol}: expected ${dir === undefined ? `files["${symbol}"]["1m"]` : join(dir, `${symbol}-1m.csv.gz`)}; available symbols: ${known.length > 0 ? known.join(", ") : "none"}`,
            { symbol },
          ),
        );
      }
      tables.set(key, table);
      // A failed load is not cached: the file may appear or be fixed.
      table.catch(() => tables.delete(key));
    }
    return table;
  };

  /** The rows of `symbol` at `interval` from the first opening at or after `since`, at most `limit`. */
  const rows = async (symbol: string, interval: CandleInterval, since: Date, limit: number) => {
    intervalToMs(interval, "createCsvExchange", "interval");
    const table = await load(symbol, interval);
    let lo = 0;
    let hi = table.length;
    const from = since.getTime();
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (table.timestamp[mid]! < from) lo = mid + 1;
      else hi = mid;
    }
    return { table, from: lo, to: Math.min(table.length, lo + limit) };
  };

  return {
    exchangeName,
    maxCandlesPerRequest: 100_000,
    async getCandles(symbol, interval, since, limit) {
      const { table, from, to } = await rows(symbol, interval, since, limit);
      return tableToCandles(table, from, to);
    },
    // Views of the file's own columns: the core copies what it keeps, and no candle object is made.
    async getCandleColumns(symbol, interval, since, limit) {
      const { table, from, to } = await rows(symbol, interval, since, limit);
      return sliceCandleColumns(table, from, to);
    },
    formatPrice: (_symbol, price) => trim(price.toFixed(priceDecimals)),
    formatQuantity: (_symbol, quantity) => trim(quantity.toFixed(quantityDecimals)),
  };
}

function trim(text: string): string {
  return text.includes(".") ? text.replace(/\.?0+$/, "") : text;
}
