export { type BrokerConformanceOptions, runBrokerConformance } from "./broker-conformance.js";
export { type ExchangeConformanceOptions, runExchangeConformance } from "./exchange-conformance.js";
export { type PersistConformanceOptions, runPersistConformance } from "./persist-conformance.js";
