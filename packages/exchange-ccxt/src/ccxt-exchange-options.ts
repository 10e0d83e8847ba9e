import type { Exchange } from "ccxt";
import { z } from "zod";
import type { CandleGap } from "./find-candle-gaps.js";
import { isCcxtExchange } from "./resolve-ccxt-instance.js";

const functionSchema = <T>(what: string) =>
  z.custom<T>((value) => typeof value === "function", { message: `expected ${what}` });

/** A ccxt exchange id (`"binance"`) or a ccxt `Exchange` instance. */
export const ccxtExchangeSourceSchema = z.union([z.string().min(1), z.custom<Exchange>(isCcxtExchange)], {
  message: 'expected a ccxt exchange id (e.g. "binance") or a ccxt Exchange instance',
});

/** Retry settings shared by the adapter and `downloadCandles`. */
export const retryOptionsShape = {
  /** Retries after the first attempt for retryable ccxt errors. Default 5. */
  maxRetries: z.number().int().min(0).max(50).default(5),
  /** Ceiling of the first backoff pause in ms; it doubles per retry. Default 500. */
  baseDelayMs: z.number().min(0).default(500),
  /** Longest backoff pause in ms. Default 30000. */
  maxDelayMs: z.number().min(0).default(30_000),
};

/** Options of `createCcxtExchange`. Strict: an unknown (misspelt) option is an error, not ignored. */
export const ccxtExchangeOptionsSchema = z
  .object({
    /** Name the adapter is registered under. Default: the ccxt id (`"binance"`). */
    exchangeName: z.string().min(1).optional(),
    /** A ccxt exchange id, or your own ccxt instance (keys, sandbox and options are kept). */
    exchange: ccxtExchangeSourceSchema,
    /** On-disk candle cache. Without it every call goes to the exchange. */
    cache: z
      .object({
        /** Root directory of the cache (created on first write). */
        dir: z.string().min(1),
        /** Serve only from the cache; a miss is an error and no request is ever sent. Default false. */
        offline: z.boolean().default(false),
      })
      .strict()
      .optional(),
    ...retryOptionsShape,
    /** Candles per request to the exchange. Default: ccxt's documented maximum for the market, else 100. */
    pageSize: z.number().int().positive().optional(),
    /** The `maxCandlesPerRequest` announced to the core; the adapter pages below it. Default 10000. */
    maxCandlesPerRequest: z.number().int().positive().default(10_000),
    /** Called once per gap (missing candles between two returned ones) the adapter sees. */
    onGap: functionSchema<(gap: CandleGap) => void>("a function").optional(),
    /** Clock in epoch ms, for replayed runs and tests. Default `Date.now`. */
    now: functionSchema<() => number>("a function returning epoch milliseconds").optional(),
  })
  .strict();

/** What you pass to `createCcxtExchange`. */
export type CcxtExchangeOptions = z.input<typeof ccxtExchangeOptionsSchema>;

/** The options after validation and defaults. */
export type ResolvedCcxtExchangeOptions = z.output<typeof ccxtExchangeOptionsSchema>;
