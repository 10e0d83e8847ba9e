import { readFileSync } from "node:fs";

/**
 * User + system CPU time of the calling thread so far, ms, or `undefined` where the OS does not say (it is read
 * from Linux's `/proc/thread-self/stat`; Node 20 has no per-thread CPU clock). Its resolution is the kernel's
 * clock tick (10 ms): sum it over many trials, never read one.
 */
export function threadCpuMs(): number | undefined {
  let stat: string;
  try {
    stat = readFileSync("/proc/thread-self/stat", "utf8");
  } catch {
    // Not Linux (or no procfs): the figure is unknown, which the caller reports as such.
    return undefined;
  }
  // The fields after the command name (which may hold spaces and parentheses): utime and stime are the 12th and 13th.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) * 10;
}
