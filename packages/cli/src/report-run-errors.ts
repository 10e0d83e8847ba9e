import { listenError } from "@candlewick/core";
import type { CliIo } from "./cli-io.js";
import { EXIT } from "./usage-error.js";

/** How many of a run's errors are printed one by one; the rest are only counted. */
const PRINTED = 20;

/** The recoverable errors of a run, printed as they come and counted. */
export interface RunErrors {
  count(): number;
  stop(): void;
  /**
   * After the run: the total on stderr and the exit code. A run with errors fails (exit 1) unless `allowErrors`,
   * because its report leaves out every signal that errored: a clean-looking report of a broken strategy.
   */
  finish(allowErrors: boolean | undefined): number;
}

/** Prints the run's recoverable errors (a throwing getSignal, a rejected signal) on stderr, one line each. */
export function reportRunErrors(io: CliIo): RunErrors {
  let count = 0;
  const stop = listenError((error) => {
    count++;
    if (count <= PRINTED) io.stderr.write(`warning: ${error.message}\n`);
    else if (count === PRINTED + 1) io.stderr.write("warning: more errors follow; not printing them\n");
  });
  return {
    count: () => count,
    stop,
    finish(allowErrors) {
      stop();
      if (count === 0) return EXIT.ok;
      const total = `the run had ${count} error${count === 1 ? "" : "s"}${count > PRINTED ? ` (${PRINTED} printed above)` : ""}`;
      if (allowErrors) {
        io.stderr.write(`warning: ${total}; --allow-errors: exit code 0\n`);
        return EXIT.ok;
      }
      io.stderr.write(
        `error: ${total}\nhint: the results leave out every signal that errored; fix the strategy, or pass --allow-errors to accept them (exit 0)\n`,
      );
      return EXIT.failure;
    },
  };
}
