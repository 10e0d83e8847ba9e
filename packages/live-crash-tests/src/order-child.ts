/**
 * The live process the order-crash tests kill: `Live.run` with a real broker (`@candlewick/broker-ccxt` on
 * ccxt.binance, the real class) against the venue emulator the test process runs, through the test's proxy
 * (order-venue-proxy.ts). Started bundled (see order-crash-harness.ts) with its settings in the environment:
 *
 * - `ORDER_WINDOW`: which window of the scenario (`orderWindow`); `ORDER_VENUE_URL`: the proxy; `ORDER_PERSIST`: `fs` (with `ORDER_FS_DIR`) or `redis` (with `ORDER_REDIS_URL`,
 *   `ORDER_REDIS_PREFIX`); `ORDER_DATA`: the candles;
 * - `ORDER_PLAN`: `none`, or `<kind>:<k>`: SIGKILL this process (`process.kill(process.pid, "SIGKILL")`, a real
 *   kill) at its k-th kill point of that kind (see `KILL_KINDS`; `in-flight` points are the test's, not the
 *   child's).
 *
 * With `ORDER_WAIT=1` it loads its modules, then waits for a line on stdin before anything else: the tests start
 * the next child while this one runs, so a kill point costs little more than the run up to it.
 *
 * It reads its persisted state, starts the replay at the virtual time that state implies (`orderStateTime`), so
 * its replay clock — which ccxt signs every request with, and which the proxy moves the venue to — goes on where
 * the killed process was; then it reconciles with the venue (inside `Live.run`) and trades to the end of the
 * window. It prints one JSON line per fact (`resume`, `kill`, errors, and `end` with the kill points it passed
 * by kind), synchronously.
 */
import { appendFileSync, writeSync } from "node:fs";
import { createCcxtBroker } from "@candlewick/broker-ccxt";
import {
  addExchange,
  addRisk,
  addStrategy,
  type Broker,
  createCsvExchange,
  createReplay,
  type JsonValue,
  Live,
  type LiveState,
  listenError,
  liveStateKey,
  type OrderIntent,
  type PersistAdapter,
} from "@candlewick/core";
import { binanceCcxtConfig, useBinanceSpotErrorTable } from "@candlewick/venue-emulator";
import ccxt from "ccxt";
import { asLiveState } from "./crash-scenario.js";
import {
  type KillKind,
  kindOfCall,
  kindOfWrite,
  ORDER_EXCHANGE,
  ORDER_PREFIX,
  ORDER_STRATEGY,
  ORDER_SYMBOL,
  orderRisk,
  orderStateTime,
  orderStrategy,
  orderWindow,
  VENUE_API_KEY,
  VENUE_SECRET,
} from "./order-scenario.js";

function log(fact: Record<string, unknown>): void {
  writeSync(1, `${JSON.stringify(fact)}\n`);
}

/** Counts kill points by kind (`seen`, printed at the end); at the planned one, dies on the spot. */
function killPoints(planText: string | undefined) {
  const [planKind, planK] = (planText ?? "none").split(":");
  const target = Number(planK);
  const seen = new Map<string, number>();
  const point = (kind: KillKind | undefined, what: string): void => {
    if (kind === undefined) return;
    const n = (seen.get(kind) ?? 0) + 1;
    seen.set(kind, n);
    if (kind === planKind && n === target) {
      log({ t: "kill", kind, what });
      process.kill(process.pid, "SIGKILL");
    }
  };
  return { point, seen };
}

type Point = ReturnType<typeof killPoints>["point"];

/** The broker with a kill point on each side of every call of the order flow (whatever calls the flow makes). */
function withCallPoints(broker: Broker, point: Point): Broker {
  const wrapped: Record<string, unknown> = { ...broker };
  for (const [name, value] of Object.entries(broker)) {
    if (typeof value !== "function" || name === "close") continue;
    wrapped[name] = async (...args: unknown[]) => {
      point(kindOfCall(name, "before"), `before ${name}`);
      const result = await (value as (...a: unknown[]) => Promise<unknown>).apply(broker, args);
      point(kindOfCall(name, "after"), `after ${name}`);
      return result;
    };
  }
  return wrapped as unknown as Broker;
}

/**
 * Resting protective stops are left out unless `ORDER_PROTECTIVE=on` (the test's third chain, or the whole file
 * with that set): the market legs alone are the two backends' default chains; with stops, trailing moves bring
 * cancel-and-replace points of the run's own.
 */
function withProtections(broker: Broker): Broker {
  if (process.env.ORDER_PROTECTIVE === "on") return broker;
  return { ...broker, capabilities: { ...broker.capabilities, orderTypes: ["market", "limit"] } };
}

/**
 * Debugging aid: with `ORDER_TRACE=<file>`, each start and each state write appends one line to that file with
 * the stored row (quantity, fills) and the journal's legs, so a chain's rows can be compared with the
 * uninterrupted run's.
 */
function trace(event: string, state: LiveState | null): void {
  const file = process.env.ORDER_TRACE;
  if (file === undefined || file === "") return;
  const row = state?.runner.signal ?? null;
  const fills = (list: readonly { quantity: number; price: number; reason: string; timestamp: number }[]) =>
    list.map((f) => `${f.reason}@${f.timestamp}:${f.quantity}x${f.price}`);
  const line = {
    pid: process.pid,
    plan: process.env.ORDER_PLAN,
    event,
    phase: state?.runner.phase ?? null,
    at: state?.runner.scanFrom ?? null,
    realized: (state?.account as { realized?: number } | undefined)?.realized ?? null,
    row:
      row === null
        ? null
        : {
            id: row.id.slice(0, 8),
            quantity: row.quantity,
            entries: fills(row.entries),
            exits: fills(row.exits),
          },
    orders: (state?.orders ?? []).map(
      (o) =>
        `${o.clientOrderId.slice(-3)}:${o.status}:${o.request.quantity}:${o.fills.map((f) => f.quantity).join("+")}`,
    ),
    withheld: (state?.withheld ?? []).map(
      (e) => `${e.action}:${e.signal.id.slice(0, 8)}:${e.signal.exits.map((f) => f.quantity).join("+")}`,
    ),
  };
  appendFileSync(file, `${JSON.stringify(line)}\n`);
}

/** The adapter with a kill point right after each write, of the kind its journal change makes it. */
function withWritePoints(persist: PersistAdapter, point: Point, restored: LiveState | null): PersistAdapter {
  let last: readonly OrderIntent[] = restored?.orders ?? [];
  return {
    ...persist,
    async write(key, value) {
      await persist.write(key, value);
      trace("write", value as unknown as LiveState);
      const orders = (value as unknown as LiveState).orders ?? [];
      const kind = kindOfWrite(last, orders);
      last = structuredClone(orders);
      point(kind, "after write");
    },
  };
}

async function createPersist(): Promise<PersistAdapter> {
  if (process.env.ORDER_PERSIST === "redis") {
    const { createRedisPersist } = await import("@candlewick/persist-redis");
    return createRedisPersist({
      url: process.env.ORDER_REDIS_URL!,
      keyPrefix: process.env.ORDER_REDIS_PREFIX!,
    });
  }
  const { createFsPersist } = await import("@candlewick/persist-fs");
  return createFsPersist({ baseDir: process.env.ORDER_FS_DIR! });
}

/** A warm child (`ORDER_WAIT=1`) has loaded its modules and waits for a line on stdin before it touches anything. */
async function waitForGo(): Promise<void> {
  if (process.env.ORDER_WAIT !== "1") return;
  await new Promise((resolve) => process.stdin.once("data", resolve));
  process.stdin.destroy();
}

async function main(): Promise<void> {
  await waitForGo();
  const { point, seen } = killPoints(process.env.ORDER_PLAN);
  const persist = await createPersist();
  const key = liveStateKey({ strategyName: ORDER_STRATEGY, symbol: ORDER_SYMBOL });
  const stored = await persist.read(key);
  const state = stored === null ? null : asLiveState(stored as JsonValue);
  trace("start", state);
  const window = orderWindow(Number(process.env.ORDER_WINDOW ?? 0));
  const resumeAt = state === null ? window.start : orderStateTime(state);
  log({
    t: "resume",
    at: resumeAt,
    phase: state?.runner.phase ?? null,
    orders: state?.orders?.length ?? 0,
    ms: Math.round(performance.now()),
  });

  const replay = createReplay({
    source: createCsvExchange({ exchangeName: "order-crash-source", dir: process.env.ORDER_DATA! }),
    exchangeName: ORDER_EXCHANGE,
    startDate: new Date(resumeAt),
    endDate: new Date(window.end),
    prefetch: true,
  });
  addExchange(replay.exchange);
  addRisk(orderRisk());
  addStrategy(orderStrategy(window));
  listenError((error) => log({ t: "error", message: error.message }));

  // ccxt signs every request with the replay's clock: the venue (behind the test's proxy) follows it.
  const venue = {
    url: process.env.ORDER_VENUE_URL!,
    apiKey: VENUE_API_KEY,
    secret: VENUE_SECRET,
    now: () => replay.clock.now(),
  };
  const exchange = new ccxt.binance(
    binanceCcxtConfig(venue, { enableRateLimit: false, timeout: 20_000 }) as never,
  );
  useBinanceSpotErrorTable(exchange as never);
  const broker = createCcxtBroker({ exchange });

  for await (const _ of Live.run(ORDER_SYMBOL, {
    strategyName: ORDER_STRATEGY,
    exchangeName: ORDER_EXCHANGE,
    clock: replay.clock,
    persist: withWritePoints(persist, point, state),
    broker: withProtections(withCallPoints(broker, point)),
    orderPrefix: ORDER_PREFIX,
  })) {
    // The results are the tests' concern only through the state and the venue.
  }
  await persist.close?.();
  await broker.close?.();
  log({ t: "end", points: Object.fromEntries(seen) });
}

main().catch((error: unknown) => {
  log({ t: "fatal", message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  process.exitCode = 1;
});
