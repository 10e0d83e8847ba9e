#!/usr/bin/env node
import { runCli } from "./run-cli.js";

// A reader that stops early (`candlewick report results | head`) closes the pipe: that is a normal end, not a
// crash. Anything else going wrong with stdout is still thrown.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code !== "EPIPE") throw error;
  process.exit(0);
});

// The `candlewick` binary. The exit code is set, not forced: pending output is flushed before the process ends.
process.exitCode = await runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr });
