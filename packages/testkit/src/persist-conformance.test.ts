// TODO(core export): import from "@candlewick/core" once packages/core/src/index.ts exports createMemoryPersist.
import { createMemoryPersist } from "../../core/src/persist/memory-persist.js";
import { runPersistConformance } from "./persist-conformance.js";

// The in-memory reference adapter is the suite's baseline: a case it cannot pass is a bug in the case.
runPersistConformance("memory", () => createMemoryPersist(), { sharedStorage: false });
