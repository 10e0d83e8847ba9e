/**
 * CPU of each thread of this process, by thread name, from `/proc/self/task/<tid>/stat` (Linux only; empty
 * elsewhere). Used to see where a parallel run's extra CPU goes: workers, the calling thread, V8's helpers.
 */
import { readdirSync, readFileSync } from "node:fs";

const TICK_MS = 10; // USER_HZ is 100 on Linux

/** CPU milliseconds (user + system) per thread id, with the thread's name. */
export function threadCpu(): Map<string, { name: string; ms: number }> {
  const threads = new Map<string, { name: string; ms: number }>();
  let tids: string[];
  try {
    tids = readdirSync("/proc/self/task");
  } catch {
    return threads;
  }
  for (const tid of tids) {
    try {
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, "utf8");
      const close = stat.lastIndexOf(")");
      const name = stat.slice(stat.indexOf("(") + 1, close);
      // Fields after the name: state is field 3, utime 14, stime 15 (1-based over the whole line).
      const fields = stat.slice(close + 2).split(" ");
      threads.set(tid, { name, ms: (Number(fields[11]) + Number(fields[12])) * TICK_MS });
    } catch {
      // the thread ended between readdir and read
    }
  }
  return threads;
}

/** CPU per thread group between two readings: "main" and every other thread that ran, as `name:tid`. */
export function threadCpuDelta(
  before: Map<string, { name: string; ms: number }>,
  after: Map<string, { name: string; ms: number }>,
  mainTid: string,
): Record<string, number> {
  const groups: Record<string, number> = {};
  for (const [tid, { name, ms }] of after) {
    const spent = ms - (before.get(tid)?.ms ?? 0);
    if (spent === 0) continue;
    const group = tid === mainTid ? "main" : `${name}:${tid}`;
    groups[group] = (groups[group] ?? 0) + spent;
  }
  return groups;
}
