import { createMemoryPersist } from "@candlewick/core";
import { runPersistConformance } from "./persist-conformance.js";

// The in-memory reference adapter is the suite's baseline: a case it cannot pass is a bug in the case.
runPersistConformance("memory", () => createMemoryPersist(), { sharedStorage: false });
