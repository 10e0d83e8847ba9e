import { defineConfig } from "tsup";

export default defineConfig({
  // walker-worker: the entry of the Walker's worker threads, loaded by URL next to the bundle (see walker/worker-launch.ts).
  entry: {
    index: "src/index.ts",
    internal: "src/internal.ts",
    "walker-worker": "src/walker/walker-worker.ts",
  },
  format: ["esm"],
  dts: true,
  clean: true,
  sourcemap: true,
  target: "node20",
});
