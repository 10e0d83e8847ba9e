// The repository's Vitest config: sources resolved through "@candlewick/source", so no build is needed.
import { defineConfig, mergeConfig } from "vitest/config";
import repository from "../../vitest.config.ts";

export default mergeConfig(repository, defineConfig({ test: { testTimeout: 60_000 } }));
