// The repository's Vitest config, plus the check for a redis-server the tests of this package need.
import { fileURLToPath } from "node:url";
import { defineConfig, mergeConfig } from "vitest/config";
import repository from "../../vitest.config.ts";

export default mergeConfig(
  repository,
  defineConfig({
    test: { globalSetup: [fileURLToPath(new URL("./vitest.global-setup.ts", import.meta.url))] },
  }),
);
