import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { LiveState } from "@candlewick/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seededRandom } from "./crash-harness.js";
import {
  asLiveState,
  CRASH_STRATEGY,
  DATA_DIR,
  type EventRecord,
  SYMBOL,
  stateTime,
  WINDOW_START,
} from "./crash-scenario.js";

// `progressWrites: "checkpoint"` on persist-fs: a tick that only moves the fill scan on, or asks the (1m) strategy
// and gets nothing, writes no state, so the stored state is often many ticks behind the process. This chain
// SIGKILLs the child at such ticks (with a position open and idle) and restarts it on what is stored; the restart
// runs the missed ticks again from the stored state and must reach the very same history as an uninterrupted run,
// which itself must trade exactly as with a write every tick.
const CHILD = fileURLToPath(new URL("./checkpoint-child.ts", import.meta.url));
const PACKAGE_DIR = fileURLToPath(new URL("..", import.meta.url));
/** Twelve hours of the crash window: 720 ticks, some 20 signals. */
const END = WINDOW_START + 12 * 60 * 60_000;
const KILLS = 14;

interface Fact {
  readonly t: string;
  readonly [field: string]: unknown;
}

interface ChildRun {
  readonly facts: Fact[];
  readonly signal: NodeJS.Signals | null;
  readonly code: number | null;
  readonly stderr: string;
}

let workDir = "";
beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), "candlewick-checkpoint-crash-"));
});
afterAll(async () => {
  await rm(workDir, { recursive: true, force: true });
});

/** Runs the child on `dir`; SIGKILLs it when it reports itself frozen. */
function runChild(dir: string, mode: "tick" | "checkpoint", freeze?: string): Promise<ChildRun> {
  const child = spawn(process.execPath, ["--import", "tsx", "--conditions=@candlewick/source", CHILD], {
    cwd: PACKAGE_DIR,
    env: {
      ...process.env,
      CRASH_FS_DIR: dir,
      CRASH_DATA_DIR: DATA_DIR,
      CRASH_END: String(END),
      CHECKPOINT_MODE: mode,
      CHECKPOINT_FREEZE: freeze ?? "none:0",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const facts: Fact[] = [];
  let pending = "";
  let stderr = "";
  child.stderr!.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  child.stdout!.on("data", (chunk: Buffer) => {
    pending += chunk.toString();
    for (let newline = pending.indexOf("\n"); newline >= 0; newline = pending.indexOf("\n")) {
      const fact = JSON.parse(pending.slice(0, newline)) as Fact;
      pending = pending.slice(newline + 1);
      facts.push(fact);
      if (fact.t === "frozen") child.kill("SIGKILL");
    }
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`checkpoint child still running after 60 s:\n${stderr}`));
    }, 60_000);
    child.once("error", reject);
    child.once("close", (code, signal) => {
      clearTimeout(timer);
      resolve({ facts, code, signal, stderr });
    });
  });
}

const eventsOf = (run: ChildRun): EventRecord[] =>
  run.facts.flatMap((fact) => {
    if (fact.t !== "ev") return [];
    const { t: _t, ...record } = fact;
    return [record as unknown as EventRecord];
  });
const keyOf = (event: EventRecord) => `${event.id}/${event.action}`;

describe("progressWrites: checkpoint, killed with SIGKILL between writes", () => {
  it("restores from a state many ticks old to the same run, opening nothing twice", {
    timeout: 400_000,
  }, async () => {
    // The same window uninterrupted, once writing every tick and once at checkpoints: the same trades.
    const everyTick = await runChild(join(workDir, "tick"), "tick");
    const reference = await runChild(join(workDir, "reference"), "checkpoint");
    for (const run of [everyTick, reference]) {
      expect(run.code, run.stderr).toBe(0);
      expect(run.facts.filter((fact) => fact.t === "error" || fact.t === "fatal")).toEqual([]);
    }
    const expected = eventsOf(everyTick);
    expect(expected.filter((event) => event.action === "closed").length).toBeGreaterThanOrEqual(5);
    expect(eventsOf(reference)).toEqual(expected);
    // At checkpoints the uninterrupted run wrote a small part of what it writes every tick.
    const ends = [everyTick, reference].map(
      (run) => run.facts.at(-1) as unknown as { ticks: number; writes: number },
    );
    expect(ends[0]!.writes).toBeGreaterThan(ends[0]!.ticks * 0.9);
    expect(ends[1]!.writes).toBeLessThan(ends[0]!.writes / 3);

    // The chain: each child frozen at the N-th tick that ends open (even kills) or idle (odd), then SIGKILLed.
    const dir = join(workDir, "chain");
    const stateFile = join(dir, "signals", CRASH_STRATEGY, `${SYMBOL}.json`);
    const random = seededRandom(20261203);
    const runs: ChildRun[] = [];
    const states: LiveState[] = [];
    let behind = 0;
    let openBehind = 0;
    for (let index = 0; index <= KILLS; index++) {
      const freeze =
        index < KILLS ? `${index % 2 === 0 ? "opened" : "idle"}:${3 + Math.floor(random() * 12)}` : undefined;
      const run = await runChild(dir, "checkpoint", freeze);
      runs.push(run);
      const frozen = run.facts.find((fact) => fact.t === "frozen") as
        | { when: number; phase: string }
        | undefined;
      if (index === KILLS || frozen === undefined) {
        // The last child (or one whose freeze point never came) ran to the end of the window.
        expect(run.code, run.stderr).toBe(0);
        break;
      }
      expect(run.signal, run.stderr).toBe("SIGKILL");
      const state = asLiveState(JSON.parse(await readFile(stateFile, "utf8")));
      // The stored state is behind the tick the process died at: the ticks between wrote nothing.
      if (stateTime(state) < frozen.when - 60_000) {
        behind += 1;
        if (state.runner.phase === "opened") openBehind += 1;
      }
      states.push(state);
    }
    expect(runs.length).toBe(KILLS + 1);
    expect(behind).toBeGreaterThanOrEqual(KILLS - 2);
    expect(openBehind).toBeGreaterThanOrEqual(4);

    // Every restart resumed the state the previous child left (the engine validates it again there), at the time
    // it implies.
    for (const [index, run] of runs.entries()) {
      const state = states[index - 1];
      expect(run.facts[0], `child ${index}`).toEqual({
        t: "resume",
        at: state === undefined ? WINDOW_START : stateTime(state),
        phase: state?.runner.phase ?? null,
        id: state?.runner.signal?.id ?? null,
      });
      expect(
        run.facts.filter((fact) => fact.t === "error" || fact.t === "fatal"),
        `child ${index}`,
      ).toEqual([]);
    }

    // Nothing opened twice, no transition produced twice except an undelivered outbox redelivered; de-duplicated,
    // the interrupted history is the uninterrupted one, field by field.
    const seen = new Map<string, EventRecord>();
    let redelivered = 0;
    for (const [index, run] of runs.entries()) {
      const outbox = (states[index - 1]?.outbox ?? []).map(
        (result) => `${result.signal.id}/${result.action}`,
      );
      for (const [position, event] of eventsOf(run).entries()) {
        const earlier = seen.get(keyOf(event));
        if (earlier === undefined) {
          seen.set(keyOf(event), event);
          continue;
        }
        // A repeat only as the outbox the stored state held, delivered first: at-least-once, never a new open.
        expect(outbox[position], `child ${index}: ${keyOf(event)} again`).toBe(keyOf(event));
        expect(event).toEqual(earlier);
        redelivered += 1;
      }
    }
    expect([...seen.values()]).toEqual(expected);
    console.log(
      `[checkpoint crash] ${KILLS} kills, ${behind} with the stored state behind the last tick (${openBehind} with a position open); ` +
        `uninterrupted: ${ends[0]!.ticks} ticks, ${ends[0]!.writes} writes every tick, ${ends[1]!.writes} at checkpoints; ` +
        `${expected.length} results, ${redelivered} redelivered from an outbox`,
    );
  });
});
