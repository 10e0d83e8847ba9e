import { defineConfig } from "tsup";

export default defineConfig({
  // pool-worker: the entry of the worker pool's threads, loaded by URL next to the bundle (see pool/pool-launch.ts).
  entry: {
    index: "src/index.ts",
    internal: "src/internal.ts",
    "pool-worker": "src/pool/pool-worker.ts",
  },
  format: ["esm"],
  dts: true,
  clean: true,
  sourcemap: true,
  target: "node20",
});
