export { type CcxtExchange, createCcxtExchange } from "./ccxt-exchange.js";
export type { CcxtExchangeOptions, ResolvedCcxtExchangeOptions } from "./ccxt-exchange-options.js";
export { ccxtExchangeOptionsSchema } from "./ccxt-exchange-options.js";
export {
  type DownloadCandlesOptions,
  type DownloadProgress,
  type DownloadSummary,
  downloadCandles,
  downloadCandlesOptionsSchema,
  type SymbolDownloadSummary,
} from "./download-candles.js";
export type { CandleGap } from "./find-candle-gaps.js";
export {
  type ImportCandlesCsvOptions,
  type ImportCandlesCsvSummary,
  importCandlesCsv,
  importCandlesCsvOptionsSchema,
} from "./import-candles-csv.js";
export { type CcxtErrorContext, isRetryableCcxtError, mapCcxtError } from "./map-ccxt-error.js";
export type { TimeRange } from "./time-range.js";
