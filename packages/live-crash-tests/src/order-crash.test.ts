import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { LiveState } from "@candlewick/core";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { redisServerMissing } from "../../persist-redis/src/test-support/redis-server-missing.js";
import {
  type RedisServer,
  startRedisServer,
} from "../../persist-redis/src/test-support/start-redis-server.js";
import {
  cleanUpOrderChildren,
  describeOrderPlan,
  type OrderChain,
  type OrderChildRun,
  runOrderChain,
  runOrderChild,
  startOrderVenue,
} from "./order-crash-harness.js";
import { ORDER_STRATEGY, ORDER_SYMBOL } from "./order-scenario.js";
import { finalStateOf, summarizeChain, type VenueOutcome, venueOutcome } from "./verify-orders.js";

// The order flow under a real kill -9: a live run trading through @candlewick/broker-ccxt and ccxt.binance (the
// real class) on the venue emulator, which lives in this process and outlives every child. Each chain: an
// uninterrupted reference on a venue of its own, then children killed at planned points of the order flow, each
// restarted on the state the last one left (it reconciles with the venue, then trades on), until one runs to the
// end. After the chain the venue must hold no order twice and nothing open, and its fills and balances, and the
// stored position and account, must be the reference's.
const MAX_KILLS = Number(process.env.ORDER_CRASH_KILLS ?? 520);
/** An orphan (an order of ours no journal holds) is planted before every ORPHAN_EVERY-th child. */
const ORPHAN_EVERY = 9;

let workDir = "";
let server: RedisServer | undefined;
let client: Redis | undefined;

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), "candlewick-order-crash-"));
  if (redisServerMissing) return;
  server = await startRedisServer();
  client = new Redis(server.url, { lazyConnect: true, maxRetriesPerRequest: 0 });
  await client.connect();
});
afterAll(async () => {
  await cleanUpOrderChildren();
  client?.disconnect();
  await server?.stop();
  await rm(workDir, { recursive: true, force: true });
});

interface Backend {
  readonly name: string;
  env(tag: string): Record<string, string>;
  readState(tag: string): Promise<string | null>;
}

interface Reference {
  readonly run: OrderChildRun;
  readonly venue: VenueOutcome;
  readonly state: ReturnType<typeof finalStateOf>;
}

/** The uninterrupted run, on persist-fs and a venue of its own; both chains are held to it. */
let reference: Promise<Reference> | undefined;
function uninterrupted(): Promise<Reference> {
  reference ??= (async () => {
    const venue = await startOrderVenue();
    try {
      const dir = join(workDir, "reference");
      const run = await runOrderChild({ ORDER_PERSIST: "fs", ORDER_FS_DIR: dir }, { kind: "none" }, venue.proxy);
      const stored = await readFile(join(dir, "signals", ORDER_STRATEGY, `${ORDER_SYMBOL}.json`), "utf8");
      return { run, venue: venueOutcome(venue.venue), state: finalStateOf(JSON.parse(stored) as LiveState) };
    } finally {
      await venue.stop();
    }
  })();
  return reference;
}

async function checkBackend(backend: Backend, seed: number): Promise<void> {
  const { run: referenceRun, venue: expected, state: expectedState } = await uninterrupted();
  expect(referenceRun.code, referenceRun.stderr).toBe(0);
  expect(referenceRun.facts.at(-1)).toEqual({ t: "end" });
  expect(expected.fills.length).toBeGreaterThan(300);
  expect(expected.duplicates).toEqual([]);
  expect(expected.openOrders).toEqual([]);
  const chainVenue = await startOrderVenue();
  try {

    const started = performance.now();
    const chain: OrderChain = await runOrderChain({
      env: backend.env("chain"),
      venue: chainVenue,
      seed,
      maxKills: MAX_KILLS,
      orphanEvery: ORPHAN_EVERY,
    });
    const seconds = Math.round((performance.now() - started) / 1000);
    const referenceErrors = new Set(referenceRun.facts.flatMap((fact) => (fact.t === "error" ? [fact.message] : [])));
    for (const [index, run] of chain.runs.entries()) {
      const label = `child ${index} (${describeOrderPlan(run.plan)})`;
      const last = index === chain.runs.length - 1;
      expect(run.signal, `${label}: ${run.stderr}`).toBe(last ? null : "SIGKILL");
      if (!last) expect(run.killedAt, label).not.toBeNull();
      expect(run.facts.filter((fact) => fact.t === "fatal"), label).toEqual([]);
      // Errors a child reports (risk refusals, rejected signals) are the reference's, none of the order flow's.
      for (const fact of run.facts) if (fact.t === "error") expect(referenceErrors, label).toContain(fact.message);
    }
    expect(chain.runs.at(-1)!.facts.at(-1)).toEqual({ t: "end" });

    const actual = venueOutcome(chainVenue.venue, chain.orphans);
    const actualState = finalStateOf(JSON.parse((await backend.readState("chain"))!) as LiveState);
    const summary = summarizeChain(chain);
    const equal =
      JSON.stringify(actual.fills) === JSON.stringify(expected.fills) &&
      JSON.stringify(actual.balances) === JSON.stringify(expected.balances) &&
      JSON.stringify(actual.orders) === JSON.stringify(expected.orders) &&
      actualState.hash === expectedState.hash;
    console.log(
      `[order crash ${backend.name}] kill points ${summary.killPoints} (${Object.entries(summary.perKind)
        .map(([kind, n]) => `${kind} ${n}`)
        .join(", ")}), restarts ${summary.restarts}, orphans planted ${summary.orphansPlanted}, duplicates ${actual.duplicates.length}, orphaned open orders ${actual.openOrders.length}, orders ${actual.orders.length}, fills ${actual.fills.length}, final state equal to the uninterrupted run: ${equal} (${seconds} s)`,
    );

    expect(actual.duplicates).toEqual([]);
    expect(actual.openOrders).toEqual([]);
    expect(actual.fills).toEqual(expected.fills);
    expect(actual.balances).toEqual(expected.balances);
    expect(actual.orders).toEqual(expected.orders);
    expect(actualState).toEqual(expectedState);
    expect(actualState).toMatchObject({ phase: "idle", unsettled: 0 });
    // Every planted orphan was found and cancelled by a reconciliation.
    const statusOf = new Map(chainVenue.venue.orders().map((order) => [order.clientOrderId, order.status]));
    for (const orphan of chain.orphans) expect(statusOf.get(orphan), orphan).toBe("CANCELED");
    expect(summary.killPoints).toBe(Math.min(MAX_KILLS, chain.runs.length - 1));
    for (const count of Object.values(summary.perKind)) expect(count).toBeGreaterThan(0);
  } finally {
    await chainVenue.stop();
  }
}

describe("the order flow in a child process, SIGKILLed across it and restarted on the same venue", () => {
  it("persist-fs: no duplicate, no orphan, the uninterrupted run's fills, balances and position", {
    timeout: 900_000,
  }, async () => {
    await checkBackend(
      {
        name: "persist-fs",
        env: (tag) => ({ ORDER_PERSIST: "fs", ORDER_FS_DIR: join(workDir, tag) }),
        readState: (tag) =>
          readFile(join(workDir, tag, "signals", ORDER_STRATEGY, `${ORDER_SYMBOL}.json`), "utf8"),
      },
      20260324,
    );
  });

  it.skipIf(redisServerMissing)(
    "persist-redis: no duplicate, no orphan, the uninterrupted run's fills, balances and position",
    { timeout: 900_000 },
    async () => {
      await checkBackend(
        {
          name: "persist-redis",
          env: (tag) => ({
            ORDER_PERSIST: "redis",
            ORDER_REDIS_URL: server!.url,
            ORDER_REDIS_PREFIX: `order:${tag}`,
          }),
          readState: (tag) => client!.get(`order:${tag}:signals:${ORDER_STRATEGY}:${ORDER_SYMBOL}`),
        },
        20260325,
      );
    },
  );
});
