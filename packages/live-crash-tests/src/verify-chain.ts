/**
 * What a crash chain must show, whatever the adapter: every kill left a whole state, every restart resumed that
 * state, nothing was lost, nothing opened twice, and — de-duplicated by (signal id, action), since delivery is
 * at-least-once — the interrupted history is exactly the uninterrupted one.
 */
import { expect } from "vitest";
import {
  type Chain,
  type ChildRun,
  dedupe,
  describePlan,
  eventsOf,
  type KillPoint,
  keyOf,
  stateTime,
} from "./crash-harness.js";
import { WINDOW_END, WINDOW_START } from "./crash-scenario.js";

/** How the kill points spread over the lifecycle (printed, and checked against minimums). */
export interface Coverage {
  readonly kills: number;
  readonly children: number;
  readonly byPhase: Record<string, number>;
  /** Killed with transition events written to the outbox but not yet delivered. */
  readonly outboxPending: number;
  /** Killed right after an `opened` result was yielded and logged. */
  readonly rightAfterOpened: number;
  readonly byTrigger: Record<string, number>;
  /** Kills that left the temp file of an interrupted atomic write (persist-fs). */
  readonly midWriteTempFiles: number;
  /** Results delivered twice because a crash came between their write and the outbox being cleared. */
  readonly redelivered: number;
  readonly closedSignals: number;
  /** How far into the window the last kill came (0..1): the margin left for the planned kills. */
  readonly windowUsed: number;
}

function triggerOf(point: KillPoint): string {
  if (point.plan.kind === "delay") return "random time";
  const [kind, action] = point.plan.kind === "freeze" ? point.plan.plan.split(":") : ["none"];
  if (kind === "event") return `after ${action}`;
  return kind === "tick" ? "after tick write" : kind === "idle" ? "after idle tick write" : "mid-write";
}

function count<T>(items: readonly T[], key: (item: T) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
  return counts;
}

/** Runs every check on `chain` against the uninterrupted `reference` run and returns the kill-point coverage. */
export function verifyCrashChain(chain: Chain, reference: ChildRun): Coverage {
  const { runs, killPoints } = chain;

  // The reference ran the whole window, without an error, and traded.
  expect(reference.killed).toBe(false);
  expect(reference.code, reference.stderr).toBe(0);
  expect(reference.facts.at(-1)).toMatchObject({ t: "end" });
  expect(reference.facts.filter((fact) => fact.t === "error" || fact.t === "fatal")).toEqual([]);
  const expected = eventsOf(reference);
  expect(expected.filter((event) => event.action === "closed").length).toBeGreaterThanOrEqual(10);
  expect(expected.filter((event) => event.action === "cancelled").length).toBeGreaterThanOrEqual(2);

  // Every child but the last died of SIGKILL; the last ran to the end of the window.
  for (const [index, run] of runs.slice(0, -1).entries()) {
    expect(run.signal, `child ${index} (${describePlan(run.plan)}): ${run.stderr}`).toBe("SIGKILL");
  }
  const last = runs.at(-1)!;
  expect(last.killed).toBe(false);
  expect(last.code, last.stderr).toBe(0);
  expect(last.facts.at(-1)).toMatchObject({ t: "end" });
  for (const [index, run] of runs.entries()) {
    const errors = run.facts.filter((fact) => fact.t === "error" || fact.t === "fatal");
    expect(errors, `child ${index} (${describePlan(run.plan)})`).toEqual([]);
  }

  for (const point of killPoints) {
    const label = `kill ${point.index} (${describePlan(point.plan)})`;
    // Never torn: nothing yet (only possible before the very first write), or a whole v1 state.
    expect(point.parseError, label).toBeNull();
    if (point.raw === null)
      expect(
        killPoints.slice(0, point.index).every((p) => p.raw === null),
        label,
      ).toBe(true);

    // The next process restores exactly that state: same phase, same signal id, same undelivered events...
    const next = runs[point.index + 1]!;
    expect(next.facts[0], label).toEqual({
      t: "resume",
      at: point.state === null ? WINDOW_START : stateTime(point.state),
      phase: point.state?.runner.phase ?? null,
      id: point.signalId,
      outbox: point.outbox,
    });
    // ...and delivers those undelivered events first, before its first tick (all of them, unless it was
    // itself killed before it got that far).
    const firstTick = next.facts.findIndex((fact) => fact.t === "tick");
    const beforeFirstTick = next.facts.slice(0, firstTick < 0 ? undefined : firstTick);
    const redelivered = beforeFirstTick.flatMap((fact) => (fact.t === "ev" ? [keyOf(fact)] : []));
    const outbox = point.outbox.map(keyOf);
    if (firstTick < 0 && next.killed) expect(outbox.slice(0, redelivered.length), label).toEqual(redelivered);
    else expect(redelivered, label).toEqual(outbox);
  }

  // A result seen again after a restart is always one of the outbox redeliveries above: no duplicate open,
  // no transition produced twice.
  const seen = new Set<string>();
  const repeats: string[] = [];
  let redeliveredCount = 0;
  for (const [index, run] of runs.entries()) {
    const outbox = index === 0 ? [] : killPoints[index - 1]!.outbox.map(keyOf);
    for (const [position, event] of eventsOf(run).entries()) {
      const key = keyOf(event);
      if (seen.has(key)) {
        if (position < outbox.length && outbox[position] === key) redeliveredCount += 1;
        else repeats.push(`child ${index}: ${key} at ${new Date(event.timestamp).toISOString()}`);
      }
      seen.add(key);
    }
  }
  expect(repeats).toEqual([]);

  // De-duplicated by (id, action), the killed-and-restarted history is the uninterrupted one: same signals,
  // same ids, same entry and exit prices and times, same reasons, same PnL.
  const combined = dedupe(runs.flatMap(eventsOf));
  expect(combined).toEqual(expected);

  // Each signal open at a kill was restored under the same id, monitored, and closed exactly once.
  for (const point of killPoints.filter((p) => p.phase === "opened")) {
    const closes = combined.filter((event) => event.id === point.signalId && event.action === "closed");
    expect(closes, `kill ${point.index}: signal ${point.signalId}`).toHaveLength(1);
    const opens = combined.filter((event) => event.id === point.signalId && event.action === "opened");
    expect(opens, `kill ${point.index}: signal ${point.signalId}`).toHaveLength(1);
  }

  return {
    kills: killPoints.length,
    children: runs.length,
    byPhase: count(killPoints, (point) => point.phase),
    outboxPending: killPoints.filter((point) => point.outbox.length > 0).length,
    rightAfterOpened: killPoints.filter((point) => point.frozenAt?.startsWith("opened")).length,
    byTrigger: count(killPoints, triggerOf),
    midWriteTempFiles: killPoints.filter((point) => point.newTempFiles > 0).length,
    redelivered: redeliveredCount,
    closedSignals: expected.filter((event) => event.action === "closed").length,
    windowUsed: (() => {
      const state = killPoints.at(-1)?.state;
      if (state === undefined || state === null) return 0;
      return Number(((stateTime(state) - WINDOW_START) / (WINDOW_END - WINDOW_START)).toFixed(3));
    })(),
  };
}

/** The kill points must reach every part of the lifecycle, not just one. */
export function expectCoverage(coverage: Coverage, minKills: number): void {
  expect(coverage.kills).toBeGreaterThanOrEqual(minKills);
  expect(coverage.byPhase.idle ?? 0).toBeGreaterThanOrEqual(5);
  expect(coverage.byPhase.scheduled ?? 0).toBeGreaterThanOrEqual(2);
  expect(coverage.byPhase.opened ?? 0).toBeGreaterThanOrEqual(10);
  expect(coverage.outboxPending).toBeGreaterThanOrEqual(2);
  expect(coverage.rightAfterOpened).toBeGreaterThanOrEqual(5);
  expect(coverage.byTrigger["mid-write"] ?? 0).toBeGreaterThanOrEqual(5);
  expect(coverage.byTrigger["random time"] ?? 0).toBeGreaterThanOrEqual(5);
}
