import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runPersistConformance } from "@candlewick/testkit";
import { afterAll, beforeAll } from "vitest";
import { createFsPersist } from "./fs-persist.js";

let baseDir = "";
beforeAll(async () => {
  baseDir = await mkdtemp(join(tmpdir(), "candlewick-persist-fs-conformance-"));
});
afterAll(async () => {
  await rm(baseDir, { recursive: true, force: true });
});

// fsync stays on: the suite must exercise the code path production uses.
runPersistConformance("fs", () => createFsPersist({ baseDir }));
