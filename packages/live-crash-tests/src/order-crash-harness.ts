/**
 * Runs the order-crash child (order-child.ts) against a venue emulator that lives in the test process, kills it
 * with SIGKILL at planned kill points, restarts it on the state it left, and keeps going until a child runs to
 * the end of the window. The venue (and its orders, fills and balances) outlives every child; so does the proxy
 * that makes the venue follow the children's replay clock and kills them with a request in flight.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";
import { createCcxtBroker } from "@candlewick/broker-ccxt";
import { clientOrderIdOf } from "@candlewick/core";
import {
  binanceCcxtConfig,
  createVenueEmulator,
  useBinanceSpotErrorTable,
  type VenueEmulator,
} from "@candlewick/venue-emulator";
import ccxt from "ccxt";
import { ccxtBundleOptions } from "./ccxt-bundle-options.js";
import { bundleEntry, seededRandom } from "./crash-harness.js";
import {
  KILL_KINDS,
  type KillKind,
  ORDER_CANDLES,
  ORDER_PREFIX,
  ORDER_SYMBOL,
  type OrderWindow,
  VENUE_API_KEY,
  VENUE_BALANCES,
  VENUE_SECRET,
} from "./order-scenario.js";
import { startVenueProxy, type VenueProxy } from "./order-venue-proxy.js";

const PACKAGE_DIR = fileURLToPath(new URL("..", import.meta.url));
const CHILD = fileURLToPath(new URL("./order-child.ts", import.meta.url));
const DATA_DIR = dirname(ORDER_CANDLES);

let bundled: Promise<string> | undefined;
const running = new Set<ChildProcess>();

/** Kills what is still running and removes the bundled child (afterAll). */
export async function cleanUpOrderChildren(): Promise<void> {
  for (const child of running) child.kill("SIGKILL");
  running.clear();
  if (bundled !== undefined) {
    const outfile = await bundled.catch(() => undefined);
    bundled = undefined;
    if (outfile !== undefined) await rm(dirname(outfile), { recursive: true, force: true });
  }
}

/** A venue emulator on the scenario's candles and balances, with the proxy the children talk to. */
export interface OrderVenue {
  readonly venue: VenueEmulator;
  readonly proxy: VenueProxy;
  stop(): Promise<void>;
}

/** The venue for a chain on `window` (its clock starts at the window's start). */
export async function startOrderVenue(window: OrderWindow): Promise<OrderVenue> {
  const venue = createVenueEmulator({
    apiKey: VENUE_API_KEY,
    secret: VENUE_SECRET,
    candles: { [ORDER_SYMBOL]: ORDER_CANDLES },
    balances: { ...VENUE_BALANCES },
    startTime: window.start,
  });
  await venue.start();
  const proxy = await startVenueProxy(venue);
  return {
    venue,
    proxy,
    stop: async () => {
      await proxy.stop();
      await venue.stop();
    },
  };
}

/**
 * A folder with the window's real 1m candles only (from 3 hours before its start to an hour after its end), as a
 * plain CSV: a child then parses a few hundred rows at start instead of the month's gzipped file. Pass it to the
 * children as `ORDER_DATA`.
 */
export async function windowCandleDir(window: OrderWindow, baseDir: string): Promise<string> {
  const dir = join(baseDir, `candles-${window.start}`);
  const lines = gunzipSync(await readFile(ORDER_CANDLES))
    .toString("utf8")
    .split("\n");
  const from = window.start - 3 * 3_600_000;
  const to = window.end + 3_600_000;
  const rows = lines.slice(1).filter((line) => {
    const time = Number(line.slice(0, line.indexOf(",")));
    return line !== "" && time >= from && time <= to;
  });
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, `${ORDER_SYMBOL}-1m.csv`), `${[lines[0], ...rows].join("\n")}\n`);
  return dir;
}

/** Where a child is stopped: not at all, or at its k-th kill point of a kind. */
export type OrderPlan = { readonly kind: "none" } | { readonly kind: KillKind; readonly k: number };

export function describeOrderPlan(plan: OrderPlan): string {
  return plan.kind === "none" ? "run to the end" : `SIGKILL at ${plan.kind} point ${plan.k}`;
}

/** One line the child printed. */
export type OrderFact =
  | { t: "resume"; at: number; phase: string | null; orders: number }
  | { t: "kill"; kind: KillKind; what: string }
  | { t: "error"; message: string }
  | { t: "fatal"; message: string }
  | { t: "end"; points: Partial<Record<KillKind, number>> };

export interface OrderChildRun {
  readonly plan: OrderPlan;
  readonly facts: OrderFact[];
  /** Where it died: the point it killed itself at, or the request the test killed it on (in flight). */
  readonly killedAt: string | null;
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stderr: string;
}

/** True for the requests that change orders at the venue: what an `in-flight` kill holds. */
const isOrderRequest = (method: string, path: string) =>
  path === "/api/v3/order" && (method === "POST" || method === "DELETE");

/** A child started with its modules loading, waiting for `go` before it reads its state (see order-child.ts). */
export interface WarmChild {
  readonly plan: OrderPlan;
  /** Lets it run; resolves once it has exited (killed as planned, or at the end of the window). */
  go(): Promise<OrderChildRun>;
  /** SIGKILLs a child that was never let go (the chain ended first): it has touched nothing. */
  discard(): void;
}

/** Spawns a child for `plan` that waits (see `WarmChild`). Its run rejects if it hangs past `timeoutMs` after go. */
export async function spawnOrderChild(
  env: Record<string, string>,
  plan: OrderPlan,
  proxy: VenueProxy,
  timeoutMs = 180_000,
): Promise<WarmChild> {
  // Whitespace and syntax minified (not names: ccxt's errors are classified by class name): less to parse per start.
  bundled ??= bundleEntry(CHILD, { ...ccxtBundleOptions, minifyWhitespace: true, minifySyntax: true });
  // ORDER_CRASH_NODE_ARGS: extra node flags for the children (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`).
  const nodeArgs = (process.env.ORDER_CRASH_NODE_ARGS ?? "").split(" ").filter((arg) => arg !== "");
  const child = spawn(process.execPath, [...nodeArgs, await bundled], {
    cwd: PACKAGE_DIR,
    env: {
      ...process.env,
      ORDER_DATA: DATA_DIR,
      ...env,
      ORDER_WAIT: "1",
      ORDER_VENUE_URL: proxy.url,
      ORDER_PLAN: plan.kind === "none" || plan.kind === "in-flight" ? "none" : `${plan.kind}:${plan.k}`,
    },
    stdio: ["pipe", "pipe", "pipe"],
  });
  running.add(child);
  const closed = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("close", (code, signal) => {
      running.delete(child);
      resolve({ code, signal });
    }),
  );
  const facts: OrderFact[] = [];
  let stderr = "";
  let pending = "";
  let killedAt: string | null = null;
  child.stderr!.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  child.stdout!.on("data", (chunk: Buffer) => {
    pending += chunk.toString();
    let newline = pending.indexOf("\n");
    while (newline >= 0) {
      const fact = JSON.parse(pending.slice(0, newline)) as OrderFact;
      pending = pending.slice(newline + 1);
      newline = pending.indexOf("\n");
      facts.push(fact);
      if (fact.t === "kill") killedAt = `${fact.kind}: ${fact.what}`;
    }
  });
  child.stdin!.on("error", () => {}); // a child that died first cannot read its go
  return {
    plan,
    discard: () => child.kill("SIGKILL"),
    go: async () => {
      if (plan.kind === "in-flight") {
        let seen = 0;
        proxy.hold = (request) => {
          if (!isOrderRequest(request.method, request.path) || ++seen !== plan.k) return undefined;
          return async () => {
            killedAt = `in flight: ${request.method} ${request.path}`;
            child.kill("SIGKILL");
            await closed;
          };
        };
      } else {
        proxy.hold = undefined;
      }
      child.stdin!.end("go\n");
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          child.kill("SIGKILL");
          reject(
            new Error(
              `order child (${describeOrderPlan(plan)}) still running after ${timeoutMs} ms:\n${stderr}`,
            ),
          );
        }, timeoutMs);
      });
      try {
        const { code, signal } = await Promise.race([closed, timeout]);
        return { plan, facts, killedAt, code, signal, stderr };
      } finally {
        clearTimeout(timer);
        proxy.hold = undefined;
      }
    },
  };
}

/** Runs one child with `env` on `proxy`, stopped as `plan` says. */
export async function runOrderChild(
  env: Record<string, string>,
  plan: OrderPlan,
  proxy: VenueProxy,
  timeoutMs = 180_000,
): Promise<OrderChildRun> {
  return (await spawnOrderChild(env, plan, proxy, timeoutMs)).go();
}

/** The kinds planned in turn when the run itself never cancels (today: cancels are orphan cleanup only). */
export const ROTATION: readonly KillKind[] = KILL_KINDS.filter((kind) => kind !== "cancel");

/**
 * The plan of the index-th child of a chain: the kinds in turn, each at one of its first few points (from the
 * seeded PRNG), so every kill moves the run on by an order or so and each kind comes around every fifth child. A child
 * that follows a freshly placed orphan is killed around its cancellation instead (before the cancel, after it, or
 * with the DELETE in flight): such a child has a cancel for certain. Once the run cancels by itself (resting
 * stops replaced on a trailing move), the tests put `cancel` in the `rotation` too (see `rotationFor`).
 */
export function orderPlanFor(
  index: number,
  random: () => number,
  afterOrphan: boolean,
  rotation: readonly KillKind[] = ROTATION,
): OrderPlan {
  if (afterOrphan) {
    const pick = Math.floor(random() * 3);
    return pick === 2 ? { kind: "in-flight", k: 1 } : { kind: "cancel", k: pick + 1 };
  }
  const kind = rotation[index % rotation.length]!;
  // One in-flight or after-answer point per order, three or more before-send and fills points.
  const k = 1 + Math.floor(random() * (kind === "before-send" || kind === "fills" ? 3 : 2));
  return { kind, k };
}

/**
 * Places a resting buy limit far below the market with a client id of this deployment's prefix that no run's
 * journal holds: what a process that died between placing an order and recording it would leave behind (the
 * venue has it, the state does not). The next child's reconciliation must cancel it. Placed straight at the venue
 * (not through the proxy), on the venue's own clock.
 */
export async function placeOrphan(venue: VenueEmulator, n: number): Promise<string> {
  const exchange = new ccxt.binance(binanceCcxtConfig(venue, { enableRateLimit: false }) as never);
  useBinanceSpotErrorTable(exchange as never);
  const broker = createCcxtBroker({ exchange });
  const clientOrderId = clientOrderIdOf(`orphan-${n}`, { kind: "entry" }, ORDER_PREFIX);
  await broker.createOrder({
    clientOrderId,
    symbol: ORDER_SYMBOL,
    side: "buy",
    type: "limit",
    quantity: 0.001,
    price: 20_000,
  });
  await broker.close?.();
  return clientOrderId;
}

export interface OrderChain {
  readonly runs: OrderChildRun[];
  /** Client ids of the orphans placed before the children that followed them. */
  readonly orphans: string[];
}

export interface OrderChainOptions {
  readonly env: Record<string, string>;
  readonly venue: OrderVenue;
  readonly seed: number;
  /** Stop planning kills after this many (the next child runs to the end). */
  readonly maxKills: number;
  /** An orphan is placed before every `orphanEvery`-th child. */
  readonly orphanEvery: number;
  /** The kinds planned in turn (default `ROTATION`). */
  readonly rotation?: readonly KillKind[];
  /** Called after each killed child, before the next one is let go (the test reads the state it left). */
  readonly afterKill?: (run: OrderChildRun) => Promise<void>;
}

/**
 * The rotation for a window whose uninterrupted run passed `points` kill points by kind: every kind the run
 * itself reaches (cancel and in-flight DELETEs only once the flow cancels on its own).
 */
export function rotationFor(points: Partial<Record<KillKind, number>>): KillKind[] {
  return KILL_KINDS.filter((kind) => kind === "in-flight" || (points[kind] ?? 0) > 0);
}

/** Children started ahead of their turn (loading while the one before them runs); `ORDER_CRASH_WARM` overrides. */
const WARM = Number(process.env.ORDER_CRASH_WARM ?? 2);

/**
 * Kills children at the planned points until one runs to the end of the window (after `maxKills`, or earlier if a
 * child's planned point never comes). Each child is let go only once the one before it has exited; the next
 * ones are already loading meanwhile.
 */
export async function runOrderChain(options: OrderChainOptions): Promise<OrderChain> {
  const random = seededRandom(options.seed);
  const runs: OrderChildRun[] = [];
  const orphans: string[] = [];
  const afterOrphan = (index: number) =>
    index > 0 && index % options.orphanEvery === 0 && index < options.maxKills;
  const warm: Promise<WarmChild>[] = [];
  let spawned = 0;
  const spawnNext = () => {
    const index = spawned++;
    const plan: OrderPlan =
      index >= options.maxKills
        ? { kind: "none" }
        : orderPlanFor(index, random, afterOrphan(index), options.rotation);
    warm.push(spawnOrderChild(options.env, plan, options.venue.proxy));
  };
  try {
    for (let index = 0; ; index += 1) {
      while (spawned <= index + WARM) spawnNext();
      const child = await warm.shift()!;
      if (afterOrphan(index)) orphans.push(await placeOrphan(options.venue.venue, orphans.length + 1));
      const run = await child.go();
      runs.push(run);
      if (run.signal !== "SIGKILL") return { runs, orphans };
      await options.afterKill?.(run);
    }
  } finally {
    for (const child of warm) (await child).discard();
  }
}
