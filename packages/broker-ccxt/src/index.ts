export { type CcxtBroker, createCcxtBroker } from "./ccxt-broker.js";
export { type CcxtBrokerOptions, ccxtBrokerOptionsSchema } from "./ccxt-broker-options.js";
export {
  type BrokerErrorClass,
  type BrokerErrorContext,
  classifyCcxtError,
  isCcxtError,
  mapBrokerError,
} from "./map-broker-error.js";
export { VENUE_IDS, VENUE_PROFILES, type VenueId, type VenueProfile } from "./venue-profile.js";
