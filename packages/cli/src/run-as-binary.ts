import { runCli } from "./run-cli.js";

/**
 * Runs the CLI as the `candlewick` binary of this process: arguments from `process.argv`, output to stdout and
 * stderr, and the exit code set (not forced, so pending output is flushed before the process ends). Used by this
 * package's bin and by the `candlewick` package's.
 */
export async function runAsBinary(argv: readonly string[] = process.argv.slice(2)): Promise<void> {
  // A reader that stops early (`candlewick report results | head`) closes the pipe: that is a normal end, not a
  // crash. Anything else going wrong with stdout is still thrown.
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code !== "EPIPE") throw error;
    process.exit(0);
  });
  process.exitCode = await runCli(argv, { stdout: process.stdout, stderr: process.stderr });
}
