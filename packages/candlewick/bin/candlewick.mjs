#!/usr/bin/env node
// The `candlewick` command. A committed launcher rather than `dist/cli.js` itself, so that installing the
// workspace before a build can link the bin (pnpm warns "Failed to create bin" for a file that does not exist yet).
import { existsSync } from "node:fs";

const built = new URL("../dist/cli.js", import.meta.url);
if (existsSync(built)) {
  await import(built.href);
} else {
  console.error(
    "candlewick: the candlewick package is not built yet. In a clone of the repository, run `pnpm build`, or run the CLI from its sources with `pnpm candlewick ...` from the repository root.",
  );
  process.exitCode = 1;
}
