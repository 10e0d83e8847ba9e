import { listenError } from "@candlewick/core";
import type { CliIo } from "./cli-io.js";

/** Prints the run's recoverable errors (a throwing getSignal, a rejected signal) on stderr, one line each. */
export function reportRunErrors(io: CliIo): { count: () => number; stop: () => void } {
  let count = 0;
  const stop = listenError((error) => {
    count++;
    if (count <= 20) io.stderr.write(`warning: ${error.message}\n`);
    else if (count === 21) io.stderr.write("warning: more errors follow; not printing them\n");
  });
  return { count: () => count, stop };
}
