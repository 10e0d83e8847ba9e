import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ClosedResult } from "@candlewick/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type ChildRun,
  cleanUpChildren,
  dedupe,
  describePlan,
  eventsOf,
  type Fact,
  firstPer,
  type KillPlan,
  keyOf,
  readOrNull,
  runChild,
  runCrashChain,
  stateTime,
} from "./crash-harness.js";
import { SYMBOL } from "./crash-scenario.js";
import {
  hasDcaAdd,
  hasPartialAndMovedStop,
  POSITION_START,
  POSITION_STRATEGY,
  positionCoverage,
  stateHash,
} from "./position-scenario.js";

// The position model under a real kill -9: the child runs the ladder / trailing stop / DCA / maxExposure strategy
// of position-scenario.ts live on a replay of real candles, and is killed again and again, many times while it
// holds a position that has had partial exits and a moved stop, or a DCA add. After every kill the stored state
// must be one the uninterrupted run wrote at the same virtual time (fills, levels, ladder, basis, account ledger:
// equal hashes), the next process must resume it, and in the end the trades, fills and risk decisions — with the
// cash, equity and day PnL each risk check saw, to the last bit — must be the uninterrupted run's.
const KILLS = 30;

let workDir = "";
beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), "candlewick-position-crash-"));
});
afterAll(async () => {
  await cleanUpChildren();
  await rm(workDir, { recursive: true, force: true });
});

/** Kill points, cycled: where a position has partials and a moved stop, has a DCA add, and anywhere else. */
function positionPlan(index: number, random: () => number): KillPlan {
  const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
  switch (index % 8) {
    case 0:
      return { kind: "freeze", plan: `written:partial:${int(1, 8)}` };
    case 1:
      return { kind: "freeze", plan: `tick:${int(20, 200)}` };
    case 2:
      return { kind: "freeze", plan: "written:dca:1" };
    case 3:
      return { kind: "delay", ms: int(0, 40) };
    case 4:
      return { kind: "freeze", plan: `write:${int(1, 80)}:${int(0, 1500)}` };
    case 5:
      return { kind: "freeze", plan: "event:closed:1" };
    case 6:
      return { kind: "freeze", plan: `written:partial:${int(1, 3)}` };
    default:
      return { kind: "freeze", plan: "event:opened:1" };
  }
}

function factsOf<T extends Fact["t"]>(run: ChildRun, t: T): Extract<Fact, { t: T }>[] {
  return run.facts.filter((fact): fact is Extract<Fact, { t: T }> => fact.t === t);
}

function withoutTag<T extends { t: string }>(fact: T): Omit<T, "t"> {
  const { t: _t, ...rest } = fact;
  return rest;
}

describe("the position model in a child process, killed with SIGKILL and restarted", () => {
  it(`persist-fs: partials, moved stops and DCA adds survive ${KILLS} kills exactly`, {
    timeout: 300_000,
  }, async () => {
    const env = (dir: string) => ({
      CRASH_SCENARIO: "positions",
      CRASH_PERSIST: "fs",
      CRASH_FS_DIR: join(workDir, dir),
    });
    const reference = await runChild(
      { ...env("reference"), CRASH_LOG_STATES: "1" },
      { kind: "none" },
      60_000,
    );
    expect(reference.code, reference.stderr).toBe(0);
    expect(reference.facts.at(-1)).toMatchObject({ t: "end" });
    expect(reference.facts.filter((fact) => fact.t === "error" || fact.t === "fatal")).toEqual([]);
    const expected = eventsOf(reference);
    const closed = expected.filter((event) => event.action === "closed") as unknown as ClosedResult[];
    const coverage = positionCoverage(closed);
    expect(coverage.partialAndMoved).toBeGreaterThan(5);
    expect(coverage.dcaEntries).toBeGreaterThan(5);
    // Every state the uninterrupted run wrote, by the virtual time it reflects.
    const written = new Map<number, Set<string>>();
    for (const fact of factsOf(reference, "state")) {
      const hashes = written.get(fact.at) ?? new Set<string>();
      hashes.add(fact.hash);
      written.set(fact.at, hashes);
    }

    const stateFile = join(workDir, "chain", "signals", POSITION_STRATEGY, `${SYMBOL}.json`);
    const chain = await runCrashChain({
      env: env("chain"),
      kills: KILLS,
      seed: 20260324,
      readState: () => readOrNull(stateFile),
      plan: positionPlan,
    });
    const { runs, killPoints } = chain;
    for (const [index, run] of runs.entries()) {
      const label = `child ${index} (${describePlan(run.plan)})`;
      expect(run.signal, `${label}: ${run.stderr}`).toBe(index < runs.length - 1 ? "SIGKILL" : null);
      expect(
        run.facts.filter((fact) => fact.t === "error" || fact.t === "fatal"),
        label,
      ).toEqual([]);
    }
    expect(runs.at(-1)!.facts.at(-1)).toMatchObject({ t: "end" });

    for (const point of killPoints) {
      const label = `kill ${point.index} (${describePlan(point.plan)})`;
      expect(point.parseError, label).toBeNull();
      // The stored state is one the uninterrupted run wrote at the same time: same fills, levels, ladder, basis
      // and account ledger, so nothing was applied twice or lost.
      if (point.state !== null) {
        expect(written.get(stateTime(point.state))?.has(stateHash(point.state)), label).toBe(true);
      }
      // The next process resumes exactly it, and delivers its outbox before its first tick.
      const next = runs[point.index + 1]!;
      expect(next.facts[0], label).toEqual({
        t: "resume",
        at: point.state === null ? POSITION_START - 60_000 : stateTime(point.state),
        phase: point.state?.runner.phase ?? null,
        id: point.signalId,
        outbox: point.outbox,
      });
      const firstTick = next.facts.findIndex((fact) => fact.t === "tick");
      const beforeTick = next.facts.slice(0, firstTick < 0 ? undefined : firstTick);
      const redelivered = beforeTick.flatMap((fact) => (fact.t === "ev" ? [keyOf(fact)] : []));
      if (firstTick >= 0) expect(redelivered, label).toEqual(point.outbox.map(keyOf));
    }

    // A result seen again is only an outbox redelivery; de-duplicated, the history is the uninterrupted one,
    // fills, level changes, ladder and PnL included.
    const seen = new Set<string>();
    for (const [index, run] of runs.entries()) {
      const outbox = index === 0 ? [] : killPoints[index - 1]!.outbox.map(keyOf);
      for (const [position, event] of eventsOf(run).entries()) {
        const key = keyOf(event);
        if (seen.has(key)) expect(outbox[position], `child ${index}: ${key} again`).toBe(key);
        seen.add(key);
      }
    }
    expect(dedupe(runs.flatMap(eventsOf))).toEqual(expected);

    // Every risk check saw the account the uninterrupted run's saw at that time — cash, equity, day PnL and the
    // positions, bit for bit — and every rejection (maxExposure refusing DCA adds) came again, once.
    const riskKey = (fact: { when: number; kind: string }) => `${fact.when}/${fact.kind}`;
    const referenceRisk = factsOf(reference, "risk").map(withoutTag);
    expect(referenceRisk.filter((fact) => fact.kind === "average_buy").length).toBeGreaterThan(5);
    const chainRisk = runs.flatMap((run) => factsOf(run, "risk").map(withoutTag));
    const byKey = new Map(referenceRisk.map((fact) => [riskKey(fact), fact]));
    for (const fact of chainRisk) expect(fact).toEqual(byKey.get(riskKey(fact)));
    expect(firstPer(chainRisk, riskKey)).toEqual(referenceRisk);
    const referenceRejections = factsOf(reference, "rej").map(withoutTag);
    expect(referenceRejections.filter((fact) => fact.kind === "average_buy").length).toBeGreaterThan(0);
    const chainRejections = firstPer(
      runs.flatMap((run) => factsOf(run, "rej").map(withoutTag)),
      riskKey,
    );
    expect(chainRejections).toEqual(referenceRejections);

    // The kills really landed where they should.
    const states = killPoints.map((point) => point.state);
    const kills = {
      kills: killPoints.length,
      partialAndMovedStop: states.filter(hasPartialAndMovedStop).length,
      dca: states.filter(hasDcaAdd).length,
      opened: killPoints.filter((point) => point.phase === "opened").length,
      idle: killPoints.filter((point) => point.phase === "idle").length,
      outboxPending: killPoints.filter((point) => point.outbox.length > 0).length,
      midWrite: killPoints.filter((point) => point.frozenAt?.startsWith("write")).length,
      randomTime: killPoints.filter((point) => point.plan.kind === "delay").length,
    };
    console.log("[position crash]", JSON.stringify({ reference: coverage, ...kills }));
    expect(kills.kills).toBe(KILLS);
    expect(kills.partialAndMovedStop).toBeGreaterThanOrEqual(6);
    expect(kills.dca).toBeGreaterThanOrEqual(3);
    expect(kills.idle).toBeGreaterThanOrEqual(2);
    expect(kills.outboxPending).toBeGreaterThanOrEqual(2);
    expect(kills.midWrite).toBeGreaterThanOrEqual(2);
    expect(kills.randomTime).toBeGreaterThanOrEqual(2);
  });
});
