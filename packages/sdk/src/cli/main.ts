#!/usr/bin/env node
import { runCli } from "./run-cli.js";

// The `candlewick` binary. The exit code is set, not forced: pending output is flushed before the process ends.
process.exitCode = await runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr });
