/**
 * The live process the crash tests kill. Started as
 * `node --import tsx --conditions=@candlewick/source src/child.ts`, or bundled (see crash-harness.ts), with its
 * settings in the environment:
 *
 * - `CRASH_DATA_DIR`: the candles (a bundle cannot find them relative to itself); `CRASH_END`: an earlier end of
 *   the window, epoch ms;
 * - `CRASH_PERSIST`: `fs` (with `CRASH_FS_DIR`) or `redis` (with `CRASH_REDIS_URL`, `CRASH_REDIS_PREFIX`);
 * - `CRASH_PLAN`: where to stop dead so the parent can SIGKILL the process at an exact point:
 *   `none`; `tick:N` (right after the state of the N-th tick was written, before its events are delivered);
 *   `idle:N` (the same, at the N-th tick that starts with nothing open or scheduled);
 *   `event:<action>:N` (right after the N-th `<action>` result was yielded and logged); `write:N:U` (U microseconds
 *   into the N-th state write, i.e. in the middle of it) or `write:N:temp` (persist-fs: once that write's temp
 *   file exists, before its rename); `written:<partial|dca>:N` (right after the N-th state write that holds an open
 *   position with a partial exit and a moved stop, or with a DCA add). Random-time kills need no plan;
 * - `CRASH_SCENARIO`: unset, or `positions` for the position-model strategy of position-scenario.ts (ladder,
 *   trailing stop, DCA, maxExposure), whose results are logged with their fills, whose risk checks are logged with
 *   the account they saw, and (with `CRASH_LOG_STATES=1`) whose every state write is logged as a hash.
 *
 * It reads the persisted state, starts the replay at the time that state implies (see `stateTime`), runs
 * `Live.run` to the end of the window and prints one JSON line per fact to stdout, synchronously, so a line
 * the parent has read describes something that really happened before the kill.
 */
import { readdirSync, writeSync } from "node:fs";
import { join } from "node:path";
import {
  addExchange,
  addRisk,
  addStrategy,
  createCsvExchange,
  createReplay,
  type JsonValue,
  Live,
  listenError,
  listenPerformance,
  listenRisk,
  liveStateKey,
  type PersistAdapter,
} from "@candlewick/core";
import {
  asLiveState,
  CRASH_CONFIG,
  CRASH_STRATEGY,
  crashStrategy,
  DATA_DIR,
  EXCHANGE_NAME,
  SYMBOL,
  stateTime,
  toRecord,
  WINDOW_END,
  WINDOW_START,
} from "./crash-scenario.js";
import {
  hasDcaAdd,
  hasPartialAndMovedStop,
  POSITION_END,
  POSITION_START,
  POSITION_STRATEGY,
  positionRisk,
  positionStrategy,
  stateHash,
} from "./position-scenario.js";

const POSITIONS = process.env.CRASH_SCENARIO === "positions";
const STRATEGY = POSITIONS ? POSITION_STRATEGY : CRASH_STRATEGY;
/** The positions scenario starts a minute early, so its first tick is the window's first 5m boundary. */
const START = POSITIONS ? POSITION_START - 60_000 : WINDOW_START;
const END = POSITIONS ? POSITION_END : WINDOW_END;

function log(fact: Record<string, unknown>): void {
  writeSync(1, `${JSON.stringify(fact)}\n`);
}

/** Stops this process dead where it stands (no later callback, I/O completion or microtask runs). */
function freeze(where: string): never {
  log({ t: "frozen", where });
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
  throw new Error("unreachable");
}

type Plan =
  | { kind: "none" }
  | { kind: "tick"; n: number }
  | { kind: "idle"; n: number }
  | { kind: "event"; action: string; n: number }
  | { kind: "write"; n: number; at: number | "temp" }
  | { kind: "written"; what: "partial" | "dca"; n: number };

function parsePlan(text: string | undefined): Plan {
  const [kind, a, b] = (text ?? "none").split(":");
  if (kind === "tick" || kind === "idle") return { kind, n: Number(a) };
  if (kind === "event") return { kind, action: a!, n: Number(b) };
  if (kind === "write") return { kind, n: Number(a), at: b === "temp" ? "temp" : Number(b) };
  if (kind === "written") return { kind, what: a === "dca" ? "dca" : "partial", n: Number(b) };
  return { kind: "none" };
}

/** Imports only the adapter in use: every child start counts. */
async function createPersist(): Promise<PersistAdapter> {
  if (process.env.CRASH_PERSIST === "redis") {
    const { createRedisPersist } = await import("@candlewick/persist-redis");
    return createRedisPersist({
      url: process.env.CRASH_REDIS_URL!,
      keyPrefix: process.env.CRASH_REDIS_PREFIX!,
    });
  }
  const { createFsPersist } = await import("@candlewick/persist-fs");
  return createFsPersist({ baseDir: process.env.CRASH_FS_DIR! });
}

/** The temp files of atomic writes next to the state file right now (persist-fs), earlier kills' included. */
function tempFiles(): string[] {
  const dir = join(process.env.CRASH_FS_DIR!, "signals", STRATEGY);
  try {
    return readdirSync(dir).filter((name) => new RegExp(`^${SYMBOL}\\.json\\.\\d+$`).test(name));
  } catch {
    return []; // the first write has not created the directory yet
  }
}

/** The real adapter, counting writes so a plan can stop the process in the middle of one. */
function withWriteTrap(persist: PersistAdapter, plan: Plan): PersistAdapter {
  if (plan.kind !== "write") return persist;
  let writes = 0;
  return {
    ...persist,
    write(key, value) {
      writes += 1;
      const pending = persist.write(key, value);
      if (writes === plan.n) {
        // Checked between callbacks, so the freeze lands between two steps of the atomic write: after `at`
        // microseconds, or (persist-fs) as soon as the write's temp file exists, before it is renamed.
        // A write that ends first is frozen right after it.
        const deadline = performance.now() + (plan.at === "temp" ? 0 : plan.at / 1000);
        const before = new Set(plan.at === "temp" ? tempFiles() : []);
        const ready = () =>
          plan.at === "temp" ? tempFiles().some((name) => !before.has(name)) : performance.now() >= deadline;
        let settled = false;
        pending.then(
          () => (settled = true),
          () => (settled = true),
        );
        const step = (): void => {
          if (ready()) freeze(`write ${writes}`);
          else if (settled) freeze(`write ${writes} (after it ended)`);
          else setImmediate(step);
        };
        step();
      }
      return pending;
    },
  };
}

/**
 * The positions scenario's write taps: with `CRASH_LOG_STATES=1` every write is logged (its state time and hash);
 * a `written:` plan stops the process right after the N-th write that holds a position with partials and a moved
 * stop (or a DCA add), once it is stored and before its results are delivered.
 */
function withStateTaps(persist: PersistAdapter, plan: Plan): PersistAdapter {
  const logStates = process.env.CRASH_LOG_STATES === "1";
  if (!logStates && plan.kind !== "written") return persist;
  let matching = 0;
  return {
    ...persist,
    write(key, value) {
      const state = asLiveState(value as JsonValue);
      if (logStates) log({ t: "state", at: stateTime(state), hash: stateHash(state) });
      const pending = persist.write(key, value);
      if (plan.kind === "written") {
        const matches = plan.what === "dca" ? hasDcaAdd(state) : hasPartialAndMovedStop(state);
        if (matches && ++matching === plan.n) {
          // Registered before the caller awaits the write, so nothing of the run goes on after it.
          pending.then(() => freeze(`written ${plan.what} ${matching}`));
        }
      }
      return pending;
    },
  };
}

/** The positions scenario's risk: its limits, plus a validation that logs the account every passed check saw. */
function registerPositionRisk(riskName: string): void {
  addRisk({
    ...positionRisk(riskName),
    validations: [
      {
        name: "log-account",
        validate: (context) => {
          log({
            t: "risk",
            when: context.timestamp,
            kind: context.candidate.kind,
            cost: context.candidate.cost,
            cash: context.cash,
            equity: context.equity,
            dayPnl: context.dayPnl,
            positions: context.positions,
          });
        },
      },
    ],
  });
  listenRisk((rejection) => {
    log({
      t: "rej",
      when: rejection.timestamp,
      kind: rejection.candidate.kind,
      rule: rejection.rule,
      reason: rejection.reason,
    });
  });
}

async function main(): Promise<void> {
  const plan = parsePlan(process.env.CRASH_PLAN);
  const persist = await createPersist();
  const key = liveStateKey({ strategyName: STRATEGY, symbol: SYMBOL });
  const stored = await persist.read(key);
  const state = stored === null ? null : asLiveState(stored);
  const resumeAt = state === null ? START : stateTime(state);
  log({
    t: "resume",
    at: resumeAt,
    phase: state?.runner.phase ?? null,
    id: state?.runner.signal?.id ?? null,
    outbox: state?.outbox.map((result) => ({ id: result.signal.id, action: result.action })) ?? [],
  });

  const replay = createReplay({
    source: createCsvExchange({ exchangeName: "crash-source", dir: process.env.CRASH_DATA_DIR ?? DATA_DIR }),
    exchangeName: EXCHANGE_NAME,
    startDate: new Date(resumeAt),
    endDate: new Date(process.env.CRASH_END === undefined ? END : Number(process.env.CRASH_END)),
  });
  addExchange(replay.exchange);
  if (POSITIONS) {
    registerPositionRisk("position-crash-risk");
    addStrategy(positionStrategy(STRATEGY, "position-crash-risk"));
  } else {
    addStrategy(crashStrategy(CRASH_STRATEGY));
  }

  listenError((error) => log({ t: "error", message: error.message }));
  // The phase as the results yielded so far tell it (what a tick's own results change is not known before
  // they are delivered, right after the tick's state write).
  let phase = state?.runner.phase ?? "idle";
  let ticks = 0;
  let idleTicks = 0;
  listenPerformance((event) => {
    if (event.metricType !== "live_tick") return;
    ticks += 1;
    log({ t: "tick", n: ticks, when: replay.clock.now() });
    if (plan.kind === "tick" && ticks === plan.n) freeze(`tick ${ticks}`);
    if (plan.kind === "idle" && phase === "idle" && ++idleTicks === plan.n) freeze(`idle tick ${idleTicks}`);
  });

  const seen = new Map<string, number>();
  for await (const result of Live.run(SYMBOL, {
    strategyName: STRATEGY,
    exchangeName: EXCHANGE_NAME,
    clock: replay.clock,
    persist: withStateTaps(withWriteTrap(persist, plan), plan),
    ...(POSITIONS ? {} : { config: CRASH_CONFIG }),
  })) {
    log({
      t: "ev",
      ...toRecord(result),
      ...(POSITIONS
        ? { signal: result.signal, ...(result.action === "closed" ? { pnl: result.pnl } : {}) }
        : {}),
    });
    phase = result.action === "closed" || result.action === "cancelled" ? "idle" : result.action;
    const count = (seen.get(result.action) ?? 0) + 1;
    seen.set(result.action, count);
    if (plan.kind === "event" && plan.action === result.action && plan.n === count) {
      freeze(`${result.action} ${count}`);
    }
  }
  await persist.close?.();
  log({ t: "end", ticks });
}

main().catch((error: unknown) => {
  log({ t: "fatal", message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  process.exitCode = 1;
});
