import { defineConfig } from "tsup";

export default defineConfig({
  // The `candlewick` binary (its shebang is kept by esbuild) and runCli, for packages that embed the CLI.
  entry: { main: "src/main.ts", "run-cli": "src/run-cli.ts" },
  format: ["esm"],
  dts: { entry: { "run-cli": "src/run-cli.ts" } },
  clean: true,
  sourcemap: true,
  target: "node20",
});
