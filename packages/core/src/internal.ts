/**
 * Helpers the Candlewick adapter packages share (candle validation, CSV reading and writing, the roll-up,
 * interval lengths, atomic file writes, retry, the persist-key rule), so each lives in one place.
 *
 * Not a public API: `@candlewick/core/internal` may change in any release without notice. Use `@candlewick/core`.
 *
 * @internal
 * @packageDocumentation
 */

export {
  alignDown,
  alignUp,
  INTERVAL_MS,
  intervalToMs,
  isCandleInterval,
  MINUTE_MS,
} from "./candles/interval.js";
export {
  type CandleProblem,
  type CheckCandlesOptions,
  checkCandles,
  validateCandles,
} from "./candles/validate-candles.js";
export { defaultEngine, provideEngineDefaults } from "./engine/default-engine.js";
export type { EngineFallbacks } from "./engine/engine-state.js";
export { aggregateCandles, rollUpCandles } from "./exchanges/aggregate-candles.js";
export {
  type CandleTable,
  candlesToTable,
  sliceCandleColumns,
  tableToCandles,
  toCandleTable,
} from "./exchanges/candle-table.js";
export { formatCandleCsv } from "./exchanges/format-candle-csv.js";
export {
  CANDLE_CSV_HEADER,
  type ParseCandleCsvOptions,
  type ParsedCandleCsv,
  parseCandleCsv,
  readCandleCsv,
  readCandleCsvFile,
} from "./exchanges/read-candle-csv.js";
export { fsyncDirectory } from "./files/fsync-directory.js";
export {
  type AtomicFileHandle,
  type AtomicWriteOpen,
  tempPathFor,
  type WriteFileAtomicOptions,
  writeFileAtomic,
} from "./files/write-file-atomic.js";
export { writeReportFile } from "./files/write-report-file.js";
export { DEFAULT_RETRY, type RetryPolicy, withRetry } from "./live/with-retry.js";
export type { IntentStatus, OrderIntent } from "./orders/order-intent.js";
export { OrderJournal } from "./orders/order-journal.js";
export {
  type ProtectionKind,
  type ProtectionPlan,
  protectionPlanOf,
  type WantedProtection,
} from "./orders/protection-plan.js";
export {
  type ProtectionReport,
  type SyncProtectionsOptions,
  syncProtections,
} from "./orders/protective-orders.js";
export { type SendReport, sendIntents } from "./orders/send-intents.js";
export { isPersistKeyPart, PERSIST_KEY_PART_PATTERN } from "./persist/assert-persist-key.js";
export { fromPersistKeyPart, isShortenedPart, toPersistKeyPart } from "./persist/persist-key-part.js";
