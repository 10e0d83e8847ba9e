import { defineConfig } from "tsup";

export default defineConfig({
  // The `candlewick` binary (its shebang is kept by esbuild) and runCli/runAsBinary, for packages that embed the CLI.
  entry: { main: "src/main.ts", index: "src/index.ts" },
  format: ["esm"],
  dts: { entry: { index: "src/index.ts" } },
  clean: true,
  sourcemap: true,
  target: "node20",
});
