import type { Candle } from "@candlewick/core";
import type { CandleTable } from "@candlewick/core/internal";
import { z } from "zod";

/** Where one symbol's 1m candles come from: a CSV (`.csv` / `.csv.gz`) path, the candles, or a loader. */
export type CandleSource =
  | string
  | readonly Candle[]
  | CandleTable
  | (() => readonly Candle[] | CandleTable | Promise<readonly Candle[] | CandleTable>);

const amount = z.union([
  z.string().regex(/^\d{1,20}(\.\d{1,8})?$/, "a decimal string with at most 8 decimals"),
  z.number().nonnegative().finite(),
]);
const rate = z.number().min(0).max(0.1);

/** Options of `createVenueEmulator`, validated when it is created. */
export const venueEmulatorOptionsSchema = z.strictObject({
  /** "spot" (`/api/v3`, the default) or "usdm": Binance USDⓈ-M perpetual futures (`/fapi`). */
  market: z.enum(["spot", "usdm"]).default("spot"),
  /** USDⓈ-M only: every symbol's leverage until `POST /fapi/v1/leverage` changes it. Default 20, Binance's. */
  leverage: z.number().int().min(1).max(125).optional(),
  /** TCP port on 127.0.0.1; 0 (the default) picks a free one. */
  port: z.number().int().min(0).max(65_535).default(0),
  host: z.string().min(1).default("127.0.0.1"),
  /** The one API key the venue accepts (`X-MBX-APIKEY`); letters and digits, as Binance's. */
  apiKey: z.string().regex(/^[A-Za-z0-9]{1,128}$/, "letters and digits (1 to 128)"),
  /** The HMAC-SHA256 secret requests must be signed with. */
  secret: z.string().min(1),
  /** 1m candles per Binance symbol (`BTCUSDT`); each must be in the recorded exchangeInfo of the market. */
  candles: z.record(
    z.string().regex(/^[A-Z0-9]{2,20}$/, "a Binance symbol such as BTCUSDT"),
    z.custom<CandleSource>(
      (value) =>
        typeof value === "string" ||
        typeof value === "function" ||
        Array.isArray(value) ||
        (typeof value === "object" && value !== null && "timestamp" in value),
      "a CSV path, an array of candles, a candle table or a function returning one",
    ),
  ),
  /** Starting free balances per asset, e.g. `{ USDT: "10000" }` (USDⓈ-M: the USDT wallet balance only). */
  balances: z.record(z.string().regex(/^[A-Z0-9]{2,12}$/, "an asset such as USDT"), amount).default({}),
  /** Taker commission rate. Default Binance's base rates: spot 0.001 (0.1%), USDⓈ-M 0.0005. */
  feeRate: rate.optional(),
  /** Maker commission rate (resting orders filled by a later candle). Default: spot `feeRate`, USDⓈ-M 0.0002. */
  makerFeeRate: rate.optional(),
  /**
   * Spot: "quote", commission always in the quote asset; "received", in the asset received, as Binance charges.
   * USDⓈ-M always charges the margin asset (USDT).
   */
  commissionAsset: z.enum(["quote", "received"]).default("quote"),
  /** Market orders (and triggered stop-market orders) fill this many basis points worse than the price. */
  marketSlippageBps: z.number().min(0).max(1000).default(0),
  /** Partial fills of resting orders: caps on what one order fills in one candle. */
  partialFills: z
    .strictObject({
      /** Base quantity per candle, one number for every symbol or one per symbol. */
      maxQuantityPerCandle: z.union([amount, z.record(z.string(), amount)]).optional(),
      /** Share of the candle's volume, e.g. 0.1. */
      maxVolumeShare: z.number().positive().max(1).optional(),
    })
    .default({}),
  /** The venue's clock at start (ms). Default: the close of the first candle of the first symbol. */
  startTime: z.number().int().nonnegative().optional(),
  /** An external clock the venue follows: before each request it advances to `clock()`. */
  clock: z.custom<() => number>((value) => typeof value === "function", "a function returning ms").optional(),
});

/** Options accepted by `createVenueEmulator`. */
export type VenueEmulatorOptions = z.input<typeof venueEmulatorOptionsSchema>;
export type ParsedVenueEmulatorOptions = z.output<typeof venueEmulatorOptionsSchema>;
