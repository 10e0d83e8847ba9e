export {
  binanceCcxtConfig,
  binanceUsdmCcxtConfig,
  type CcxtConfigSource,
  useBinanceLinearErrorTable,
  useBinanceSpotErrorTable,
} from "./binance-ccxt-config.js";
export { createVenueEmulator, type VenueEmulator } from "./create-venue-emulator.js";
export type { Fault, FaultDuration, FaultKind, FaultTarget } from "./http/faults.js";
export type { LoggedRequest, RequestOutcome } from "./http/request-log.js";
export { createSignedClockRelay, type SignedClockRelay } from "./signed-clock-relay.js";
export {
  type CandleSource,
  type VenueEmulatorOptions,
  venueEmulatorOptionsSchema,
} from "./venue-emulator-options.js";
export type { VenueFaults } from "./venue-faults.js";
export type {
  VenueMarginSnapshot,
  VenueOrderSnapshot,
  VenuePositionSnapshot,
  VenueTradeSnapshot,
} from "./venue-snapshots.js";
