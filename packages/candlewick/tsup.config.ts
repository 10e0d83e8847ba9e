import { defineConfig } from "tsup";

export default defineConfig({
  // The library (core + sdk with the defaults wired) and the `candlewick` binary (shebang kept by esbuild).
  entry: { index: "src/index.ts", cli: "src/cli.ts" },
  format: ["esm"],
  dts: { entry: { index: "src/index.ts" } },
  clean: true,
  sourcemap: true,
  target: "node20",
});
