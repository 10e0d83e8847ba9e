/**
 * The live process of checkpoint-crash.test.ts: child.ts's scenario (crash-scenario.ts, persist-fs) with
 * `progressWrites` from `CHECKPOINT_MODE` (`checkpoint` or `tick`), so a tick whose only change is the scan's
 * progress or the minute last asked writes nothing and the stored state falls behind the last tick. Settings:
 * `CRASH_FS_DIR`, `CRASH_END` (epoch ms), and `CHECKPOINT_FREEZE=<phase>:N`: stop dead at the N-th tick that ends
 * with that phase (`opened`, `idle`, `any`), for the parent to SIGKILL. One JSON line per fact on stdout, as in
 * child.ts; a `kill` fact, written right before freezing, carries the last tick and the writes of this process.
 */
import { writeSync } from "node:fs";
import {
  addExchange,
  addStrategy,
  createCsvExchange,
  createReplay,
  Live,
  listenError,
  listenPerformance,
  liveStateKey,
  type PersistAdapter,
} from "@candlewick/core";
import { createFsPersist } from "@candlewick/persist-fs";
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
  WINDOW_START,
} from "./crash-scenario.js";

function log(fact: Record<string, unknown>): void {
  writeSync(1, `${JSON.stringify(fact)}\n`);
}

/** Stops this process dead (no later callback, I/O completion or microtask runs). */
function freeze(fact: Record<string, unknown>): never {
  log({ t: "frozen", ...fact });
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
  throw new Error("unreachable");
}

/** The adapter, counting the state writes this process makes. */
function counted(persist: PersistAdapter, counter: { writes: number }): PersistAdapter {
  return {
    ...persist,
    write(key, value) {
      counter.writes += 1;
      return persist.write(key, value);
    },
  };
}

async function main(): Promise<void> {
  const mode = process.env.CHECKPOINT_MODE === "tick" ? "tick" : "checkpoint";
  const [freezePhase, freezeAt] = (process.env.CHECKPOINT_FREEZE ?? "none:0").split(":");
  const persist = createFsPersist({ baseDir: process.env.CRASH_FS_DIR! });
  const stored = await persist.read(liveStateKey({ strategyName: CRASH_STRATEGY, symbol: SYMBOL }));
  const state = stored === null ? null : asLiveState(stored);
  // The time the stored state implies; with checkpoints it can be many ticks before the last one the killed
  // process ran: those ticks run again, from the same state, on the same candles.
  const resumeAt = state === null ? WINDOW_START : stateTime(state);
  log({
    t: "resume",
    at: resumeAt,
    phase: state?.runner.phase ?? null,
    id: state?.runner.signal?.id ?? null,
  });

  const replay = createReplay({
    source: createCsvExchange({
      exchangeName: "checkpoint-source",
      dir: process.env.CRASH_DATA_DIR ?? DATA_DIR,
    }),
    exchangeName: EXCHANGE_NAME,
    startDate: new Date(resumeAt),
    endDate: new Date(Number(process.env.CRASH_END)),
  });
  addExchange(replay.exchange);
  addStrategy(crashStrategy(CRASH_STRATEGY));
  listenError((error) => log({ t: "error", message: error.message }));

  const counter = { writes: 0 };
  let phase: string = state?.runner.phase ?? "idle";
  let ticks = 0;
  let matching = 0;
  listenPerformance((event) => {
    if (event.metricType !== "live_tick") return;
    ticks += 1;
    const when = replay.clock.now();
    log({ t: "tick", n: ticks, when });
    // The phase as the results delivered so far tell it: a tick that opened or closed has its results still to
    // come, so it counts with the phase before it.
    if ((freezePhase === "any" || freezePhase === phase) && ++matching === Number(freezeAt)) {
      freeze({ when, ticks, writes: counter.writes, phase });
    }
  });

  for await (const result of Live.run(SYMBOL, {
    strategyName: CRASH_STRATEGY,
    exchangeName: EXCHANGE_NAME,
    clock: replay.clock,
    persist: counted(persist, counter),
    progressWrites: mode,
    config: CRASH_CONFIG,
  })) {
    log({ t: "ev", ...toRecord(result) });
    phase = result.action === "closed" || result.action === "cancelled" ? "idle" : result.action;
  }
  await persist.close?.();
  log({ t: "end", ticks, writes: counter.writes });
}

main().catch((error: unknown) => {
  log({ t: "fatal", message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  process.exitCode = 1;
});
