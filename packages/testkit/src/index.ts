export { type PersistConformanceOptions, runPersistConformance } from "./persist-conformance.js";
