// The same live session twice: `main.ts files` keeps the state in files (persist-fs), `main.ts redis` in Redis
// (persist-redis). The strategy (strategy.ts) and the session code are identical; only the persistence
// registration differs. Each session is stopped at once half-way (as a deploy or a crash would) and restarted
// from what the store holds, so the restart really reads its positions back from files, or from Redis.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import {
  addExchange,
  createCsvExchange,
  createReplay,
  Live,
  type LiveResult,
  type LiveState,
  listenDoneLive,
  listenPerformance,
  listenSignalLive,
  liveStateKey,
  type PersistAdapter,
  setPersist,
} from "@candlewick/core";
import { createFsPersist } from "@candlewick/persist-fs";
import { createRedisPersist } from "@candlewick/persist-redis";
import { type RedisForExample, redisForExample } from "./redis-server.js";
import { registerStrategy } from "./strategy.js";

const mode = process.argv[2] === "redis" ? "redis" : "files";
const SYMBOLS = ["BTCUSDT", "ETHUSDT", "SOLUSDT"];
const START = new Date("2026-04-01T00:00:00Z");
const RESTART = new Date("2026-04-01T06:00:00Z");
const END = new Date("2026-04-01T12:00:00Z");
const stateDir = fileURLToPath(new URL("../.state", import.meta.url));

// The market: a replay of real Binance 1m candles, registered as "binance".
const dataDir = fileURLToPath(new URL("../../../data/candles/sets/spot-2026-03", import.meta.url));
const replay = createReplay({
  source: createCsvExchange({ exchangeName: "binance-history", dir: dataDir }),
  exchangeName: "binance",
  startDate: START,
  endDate: END,
});
addExchange(replay.exchange);
registerStrategy();

// The persistence: the one registration that differs between the two runs.
let redis: RedisForExample | undefined;
let persist: PersistAdapter;
if (mode === "redis") {
  redis = await redisForExample();
  persist = createRedisPersist({ url: redis.url, keyPrefix: "candlewick:example-live-redis" });
} else {
  persist = createFsPersist({ baseDir: stateDir });
}
setPersist(persist);
// Start from nothing: drop what an earlier run of this example left (a real deployment keeps it, of course).
for (const key of await persist.keys("signals")) await persist.delete(key);

const options = { strategyName: "my-strategy", exchangeName: "binance", clock: replay.clock };
const results: LiveResult[] = [];
const line = (result: LiveResult) =>
  `  [${result.symbol}] ${result.action} ${result.signal.id.slice(0, 8)} at ${new Date(result.timestamp).toISOString()}` +
  (result.action === "closed" ? ` ${result.closeReason} ${result.pnl.pnlPercentage.toFixed(2)}%` : "");

console.log(`=== ${mode}: state in ${mode === "redis" ? redis!.url : stateDir}`);

// Part 1: the session runs in the background until 06:00, then stops at once (positions left open).
const stopListening = listenSignalLive((result) => {
  results.push(result);
  console.log(line(result));
});
const cancels = SYMBOLS.map((symbol) => Live.background(symbol, options));
const stopped = new Promise<void>((resolve) => {
  let running = SYMBOLS.length;
  const stop = listenDoneLive(() => {
    running -= 1;
    if (running > 0) return;
    stop();
    resolve();
  });
});
const stopWatch = listenPerformance(() => {
  if (replay.clock.now() < RESTART.getTime()) return;
  stopWatch();
  for (const cancel of cancels) cancel({ immediately: true });
});
await stopped;
stopListening();

// What a restarted process finds in the store.
console.log(`--- stopped at ${RESTART.toISOString()}; the ${persist.name} store holds:`);
for (const symbol of SYMBOLS) {
  const state = (await persist.read(
    liveStateKey({ strategyName: "my-strategy", symbol }),
  )) as LiveState | null;
  const signal = state?.runner.signal;
  console.log(
    `  ${symbol}: ${state?.runner.phase ?? "nothing"}${signal ? ` ${signal.id.slice(0, 8)} ${signal.position} at ${signal.priceOpen}` : ""}`,
  );
}

// Part 2: restarted, the runs restore those positions and go on to the end of the replay.
console.log("--- restarted");
await Promise.all(
  SYMBOLS.map(async (symbol) => {
    for await (const result of Live.run(symbol, options)) {
      results.push(result);
      console.log(line(result));
    }
  }),
);

// Delivery is at-least-once (a crash can repeat a result); ids are stable, so de-duplicate on (id, action).
const unique = [
  ...new Map(results.map((result) => [`${result.signal.id}/${result.action}`, result])).values(),
];
const summary = Object.fromEntries(
  SYMBOLS.map((symbol) => {
    const closed = unique.filter((result) => result.symbol === symbol && result.action === "closed");
    const pnl = closed.reduce(
      (sum, result) => sum + (result.action === "closed" ? result.pnl.pnlPercentage : 0),
      0,
    );
    return [
      symbol,
      { closed: closed.length, pnl: Number(pnl.toFixed(6)), ids: closed.map((r) => r.signal.id) },
    ];
  }),
);
for (const [symbol, { closed, pnl }] of Object.entries(summary)) {
  console.log(`${symbol}: ${closed} closed, total PnL ${pnl.toFixed(2)}%`);
}

await persist.close?.();
await redis?.stop();

// The two runs must agree: same signals, same ids, same PnL, whichever store kept the state.
mkdirSync(stateDir, { recursive: true });
writeFileSync(`${stateDir}/summary-${mode}.json`, JSON.stringify(summary, null, 2));
if (mode === "redis") {
  let files: unknown;
  try {
    files = JSON.parse(readFileSync(`${stateDir}/summary-files.json`, "utf8"));
  } catch {
    console.log("(run `main.ts files` first to compare with the file-based run)");
  }
  if (files !== undefined) {
    const same = JSON.stringify(files) === JSON.stringify(summary);
    console.log(same ? "same signals, ids and PnL as with files" : "DIFFERENT from the file-based run");
    if (!same) process.exitCode = 1;
  }
  rmSync(`${stateDir}/summary-redis.json`, { force: true });
}
