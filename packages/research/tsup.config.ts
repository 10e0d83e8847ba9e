import { defineConfig } from "tsup";

export default defineConfig({
  // pool-trial-worker: the module the trial pool's threads import, loaded by URL next to the bundle
  // (see src/jobs/pool-trial-runner.ts).
  entry: { index: "src/index.ts", "pool-trial-worker": "src/jobs/pool-trial-worker.ts" },
  format: ["esm"],
  dts: true,
  clean: true,
  sourcemap: true,
  target: "node20",
});
