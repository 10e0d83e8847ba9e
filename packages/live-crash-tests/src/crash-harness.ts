/**
 * Spawns the live child (child.ts), kills it with SIGKILL at chosen points, restarts it on the same state, and
 * records everything it printed, so the tests can compare the interrupted history with an uninterrupted one.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { LiveState } from "@candlewick/core";
import { type BuildOptions, build } from "esbuild";
import { asLiveState, DATA_DIR, type EventRecord, stateTime } from "./crash-scenario.js";

const PACKAGE_DIR = fileURLToPath(new URL("..", import.meta.url));
const CHILD = fileURLToPath(new URL("./child.ts", import.meta.url));

/**
 * How the child is started. By default child.ts (with core, the adapters and their dependencies, from their
 * TypeScript sources) is bundled once with esbuild and each child is a plain `node child.mjs`: a kill point then
 * costs a Node start (~0.2 s of CPU) instead of a tsx start that transforms and resolves every module again
 * (~0.8 s), which is most of this package's run time. `CANDLEWICK_CRASH_CHILD=tsx` runs
 * `node --import tsx --conditions=@candlewick/source src/child.ts` instead, with no build step.
 */
const USE_TSX = process.env.CANDLEWICK_CRASH_CHILD === "tsx";
let bundled: Promise<string> | undefined;

/** Bundles a child entry (a TypeScript file of this package) into one ES module; resolves to its path. */
export async function bundleEntry(entry: string, extra: Partial<BuildOptions> = {}): Promise<string> {
  const outfile = join(await mkdtemp(join(tmpdir(), "candlewick-crash-child-")), "child.mjs");
  await build({
    entryPoints: [entry],
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    conditions: ["@candlewick/source"],
    outfile,
    logLevel: "silent",
    // ioredis, write-file-atomic and others are CommonJS: give the ES module bundle the `require`, `__filename`
    // and `__dirname` they expect.
    banner: {
      js: [
        'import { createRequire as __cwRequire } from "node:module";',
        'import { fileURLToPath as __cwPath } from "node:url";',
        "const require = __cwRequire(import.meta.url);",
        "const __filename = __cwPath(import.meta.url);",
        'const __dirname = __filename.slice(0, __filename.lastIndexOf("/"));',
      ].join(" "),
    },
    ...extra,
  });
  return outfile;
}

const bundleChild = () => bundleEntry(CHILD);

async function childArgs(): Promise<string[]> {
  if (USE_TSX) return ["--import", "tsx", "--conditions=@candlewick/source", CHILD];
  bundled ??= bundleChild();
  return [await bundled];
}

/** Kills what is still running and removes the bundled child (afterAll). */
export async function cleanUpChildren(): Promise<void> {
  killAllChildren();
  if (bundled !== undefined) {
    const outfile = await bundled.catch(() => undefined);
    bundled = undefined;
    if (outfile !== undefined) await rm(dirname(outfile), { recursive: true, force: true });
  }
}

/** One line the child printed. */
export type Fact =
  | { t: "resume"; at: number; phase: string | null; id: string | null; outbox: ActionKey[] }
  | { t: "tick"; n: number; when: number }
  | ({ t: "ev" } & EventRecord)
  | { t: "frozen"; where: string }
  | { t: "state"; at: number; hash: string }
  | ({ t: "risk" } & RiskFact)
  | { t: "rej"; when: number; kind: string; rule: string; reason: string }
  | { t: "error"; message: string }
  | { t: "fatal"; message: string }
  | { t: "end"; ticks: number };

/** What the positions scenario's risk check saw of the account (child.ts). */
export interface RiskFact {
  readonly when: number;
  readonly kind: string;
  readonly cost: number;
  readonly cash: number;
  readonly equity: number;
  readonly dayPnl: number;
  readonly positions: readonly unknown[];
}

export interface ActionKey {
  readonly id: string;
  readonly action: string;
}

/** How a child is stopped: not at all, dead at a point the child freezes at (see child.ts), or at a random time. */
export type KillPlan = { kind: "none" } | { kind: "freeze"; plan: string } | { kind: "delay"; ms: number };

export interface ChildRun {
  readonly plan: KillPlan;
  readonly facts: Fact[];
  /** True when this harness sent SIGKILL before the child ended by itself. */
  readonly killed: boolean;
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stderr: string;
}

const running = new Set<ChildProcess>();

/** SIGKILLs every child still running (safety net). */
export function killAllChildren(): void {
  for (const child of running) child.kill("SIGKILL");
  running.clear();
}

export function describePlan(plan: KillPlan): string {
  if (plan.kind === "none") return "run to the end";
  if (plan.kind === "delay") return `SIGKILL ${plan.ms} ms after start-up`;
  return `SIGKILL when frozen at ${plan.plan}`;
}

/** Runs the child once with `env`, killing it as `plan` says. Rejects if it hangs past `timeoutMs`. */
export async function runChild(
  env: Record<string, string>,
  plan: KillPlan,
  timeoutMs = 30_000,
): Promise<ChildRun> {
  const child = spawn(process.execPath, await childArgs(), {
    cwd: PACKAGE_DIR,
    env: {
      ...process.env,
      ...env,
      CRASH_DATA_DIR: DATA_DIR,
      CRASH_PLAN: plan.kind === "freeze" ? plan.plan : "none",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  running.add(child);
  const facts: Fact[] = [];
  let stderr = "";
  let killed = false;
  let pending = "";
  const kill = () => {
    if (child.exitCode === null && child.signalCode === null && !killed) {
      killed = true;
      child.kill("SIGKILL");
    }
  };
  child.stderr!.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  child.stdout!.on("data", (chunk: Buffer) => {
    pending += chunk.toString();
    let newline = pending.indexOf("\n");
    while (newline >= 0) {
      const fact = JSON.parse(pending.slice(0, newline)) as Fact;
      pending = pending.slice(newline + 1);
      newline = pending.indexOf("\n");
      facts.push(fact);
      if (fact.t === "frozen") kill();
      if (fact.t === "resume" && plan.kind === "delay") setTimeout(kill, plan.ms);
    }
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      kill();
      reject(new Error(`child (${describePlan(plan)}) still running after ${timeoutMs} ms:\n${stderr}`));
    }, timeoutMs);
    child.once("error", reject);
    child.once("close", (code, signal) => {
      clearTimeout(timer);
      running.delete(child);
      resolve({ plan, facts, killed, code, signal, stderr });
    });
  });
}

/** The state after a kill as the next process will find it. `raw` is the stored text (null: nothing stored). */
export interface KillPoint {
  readonly index: number;
  readonly plan: KillPlan;
  readonly frozenAt: string | null;
  readonly raw: string | null;
  /** Set when `raw` parsed as a v1 live state; the tests fail on a raw value that does not. */
  readonly state: LiveState | null;
  readonly parseError: string | null;
  readonly phase: "none" | LiveState["runner"]["phase"];
  readonly signalId: string | null;
  readonly outbox: ActionKey[];
  /** Temp files of an interrupted atomic write left next to the state file by this kill (persist-fs only). */
  readonly newTempFiles: number;
  /** The last result the killed child had yielded, if any. */
  readonly lastEvent: ActionKey | null;
}

export interface ChainOptions {
  readonly env: Record<string, string>;
  /** How many kills before the last child is let run to the end. */
  readonly kills: number;
  readonly seed: number;
  /** The raw stored state text, or null. */
  readState(): Promise<string | null>;
  /** Names of the temp files next to the state file (persist-fs), for mid-write evidence. */
  listTempFiles?(): Promise<string[]>;
  /** The kill plan of the index-th child (default `planFor`). */
  plan?(index: number, random: () => number): KillPlan;
}

export interface Chain {
  readonly runs: ChildRun[];
  readonly killPoints: KillPoint[];
}

/** A small seeded PRNG (mulberry32), so the sequence of kill plans is the same on every run. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The kill plans, cycled (period 10, parameters from the seeded PRNG): frozen right after a tick's state write
 * (its results still in the outbox), the same at a tick that starts idle, right after an `opened` result was
 * yielded and logged (or a `closed`, `scheduled`, `cancelled` one), in the middle of a state write, and at random
 * times (anywhere: start-up, restore, a write, a tick). With `tempFiles` (persist-fs) every other mid-write kill
 * comes once the write's temp file exists, i.e. between the temp file and the rename. Chosen so each kill moves
 * the replay on by some ten minutes on average, and the rare events (`scheduled`, `cancelled`) are waited for
 * only now and then.
 */
export function planFor(index: number, random: () => number, tempFiles: boolean): KillPlan {
  const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
  switch (index % 10) {
    case 0:
    case 8:
      return { kind: "freeze", plan: `tick:${int(1, 4)}` };
    case 1:
      return { kind: "freeze", plan: "event:opened:1" };
    case 2:
      return { kind: "freeze", plan: `write:${int(1, 4)}:${tempFiles ? "temp" : int(0, 1500)}` };
    case 3:
    case 7:
      return { kind: "delay", ms: int(0, 20) };
    case 4:
      return { kind: "freeze", plan: `idle:${int(1, 3)}` };
    case 5:
      return { kind: "freeze", plan: `write:${int(1, 4)}:${int(0, 1500)}` };
    case 6:
      return { kind: "freeze", plan: index % 20 === 6 ? "event:closed:1" : `idle:${int(1, 3)}` };
    case 9:
      return {
        kind: "freeze",
        plan: ["event:scheduled:1", "event:cancelled:1", "event:opened:1"][Math.floor(index / 10) % 3]!,
      };
    default:
      throw new Error("unreachable");
  }
}

function inspect(raw: string | null): Pick<KillPoint, "state" | "parseError"> {
  if (raw === null) return { state: null, parseError: null };
  try {
    return { state: asLiveState(JSON.parse(raw)), parseError: null };
  } catch (error) {
    return { state: null, parseError: String(error) };
  }
}

/**
 * Kills the child `kills` times at the planned points, each time restarting it on the state the last one left,
 * then lets the last one run to the end of the window (or stops early if a child ends before its kill).
 */
export async function runCrashChain(options: ChainOptions): Promise<Chain> {
  const random = seededRandom(options.seed);
  const runs: ChildRun[] = [];
  const killPoints: KillPoint[] = [];
  // Temp files seen so far: a kill that left a new one died in the middle of a write. (Later children remove
  // those older than a minute, so counting them would not do.)
  const seenTempFiles = new Set((await options.listTempFiles?.()) ?? []);
  for (let index = 0; ; index += 1) {
    const plan: KillPlan =
      index >= options.kills
        ? { kind: "none" }
        : (options.plan?.(index, random) ?? planFor(index, random, options.listTempFiles !== undefined));
    const run = await runChild(options.env, plan);
    runs.push(run);
    if (!run.killed) return { runs, killPoints };
    const raw = await options.readState();
    const inspected = inspect(raw);
    const newTempFiles = ((await options.listTempFiles?.()) ?? []).filter((name) => !seenTempFiles.has(name));
    for (const name of newTempFiles) seenTempFiles.add(name);
    const events = run.facts.filter((fact) => fact.t === "ev");
    const last = events[events.length - 1];
    const frozen = run.facts.find((fact) => fact.t === "frozen");
    killPoints.push({
      index,
      plan,
      frozenAt: frozen?.t === "frozen" ? frozen.where : null,
      raw,
      ...inspected,
      phase: inspected.state?.runner.phase ?? "none",
      signalId: inspected.state?.runner.signal?.id ?? null,
      outbox:
        inspected.state?.outbox.map((result) => ({ id: result.signal.id, action: result.action })) ?? [],
      newTempFiles: newTempFiles.length,
      lastEvent: last?.t === "ev" ? { id: last.id, action: last.action } : null,
    });
  }
}

/** The results a run yielded, in order. */
export function eventsOf(run: ChildRun): EventRecord[] {
  return run.facts.flatMap((fact) => {
    if (fact.t !== "ev") return [];
    const { t: _t, ...record } = fact;
    return [record];
  });
}

export const keyOf = (event: ActionKey) => `${event.id}/${event.action}`;

/** Keeps the first item of each key. */
export function firstPer<T>(items: readonly T[], key: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const k = key(item);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** De-duplicates by (signal id, action), keeping first deliveries: what an at-least-once consumer does. */
export function dedupe(events: readonly EventRecord[]): EventRecord[] {
  return firstPer(events, keyOf);
}

/** A state file's text, or null when there is none yet. */
export async function readOrNull(path: string): Promise<string | null> {
  try {
    return await readFile(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
}

export { stateTime };
