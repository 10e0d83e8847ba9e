import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";
import { createSignedClockRelay, createVenueEmulator } from "@candlewick/venue-emulator";
import { type LiveEventLine, ordersOfRun } from "./run-orders.js";

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const candleDir = here("../../../data/candles");
const candleFile = `${candleDir}/BTCUSDT-1m.csv.gz`;
const FROM = "2025-06-02";
const TO = "2025-06-03T09:00:00Z";

// The venue: Binance spot on loopback, over the same real candles the run replays, 10 000 USDT, Binance's 0.1% fee.
// Its clock follows the timestamps the CLI signs with (the replay's time), through the relay in front of it.
const relay = createSignedClockRelay();
const venue = createVenueEmulator({
  apiKey: "emulatorKey1",
  secret: "emulator-secret",
  candles: { BTCUSDT: candleFile },
  balances: { USDT: "10000" },
  feeRate: 0.001,
  clock: relay.now,
});
await venue.start();
await relay.start(venue.url);

const args = [
  "live",
  here("./strategy.ts"),
  "--symbol",
  "BTCUSDT",
  "--exchange",
  `csv:${candleDir}`,
  "--broker",
  "binance",
  "--live",
  "--venue-url",
  relay.url,
  "--replay-from",
  FROM,
  "--replay-to",
  TO,
  // The venue's market orders fill at the last close with no slippage: so does the run, to compare like with like.
  "--slippage",
  "0",
  "--max-order-notional",
  "150",
  "--memory-state",
  "--json",
];
console.log(
  `$ candlewick ${args.map((arg) => (arg.includes("/") ? `<${arg.split("/").at(-1)}>` : arg)).join(" ")}`,
);
const began = Date.now();
const run = await runCandlewick(args, {
  // The keys live only in the child's environment: the CLI reads them there, and never prints or stores them.
  CANDLEWICK_BINANCE_API_KEY: venue.apiKey,
  CANDLEWICK_BINANCE_API_SECRET: venue.secret,
});
process.stderr.write(run.stderr);
if (run.code !== 0) throw new Error(`candlewick live exited with ${run.code}`);
const events = run.stdout
  .split("\n")
  .filter((line) => line.length > 0)
  .map((line) => JSON.parse(line) as LiveEventLine);
const expected = ordersOfRun(events);

const trades = venue.trades();
const candles = minuteCandles(candleFile);
console.log(
  `\n${events.length} events in ${((Date.now() - began) / 1000).toFixed(1)} s; the venue holds ${venue.orders().length} orders:`,
);
console.log(
  "client order id               side  venue qty   at (replayed)      run price   venue price  why",
);
const problems: string[] = [];
for (const order of venue.orders()) {
  const fills = trades.filter((trade) => trade.orderId === order.orderId);
  const filled = Number(order.executedQty) > 0;
  const price = filled
    ? fills.reduce((sum, fill) => sum + Number(fill.quoteQty), 0) / Number(order.executedQty)
    : null;
  const mine = expected.find((candidate) => candidate.clientOrderId === order.clientOrderId);
  const shown = (value: number | null | undefined) => (value == null ? "-" : value.toFixed(2));
  console.log(
    `${order.clientOrderId.padEnd(29)} ${order.side.padEnd(5)} ${order.executedQty}  ${iso(order.time)}  ${shown(mine?.price).padStart(9)}  ${shown(price).padStart(11)}  ${mine?.why ?? "NOT THE RUN'S"}`,
  );
  if (mine === undefined) {
    problems.push(`${order.clientOrderId}: an order at the venue that the run's trades do not account for`);
    continue;
  }
  if (order.status !== mine.status)
    problems.push(`${order.clientOrderId}: ${order.status}, not ${mine.status}`);
  if (order.side !== mine.side)
    problems.push(`${order.clientOrderId}: ${order.side} at the venue, ${mine.side} in the run`);
  if (order.executedQty !== mine.quantity)
    problems.push(`${order.clientOrderId}: ${order.executedQty} at the venue, ${mine.quantity} in the run`);
  if (order.time !== mine.time)
    problems.push(`${order.clientOrderId}: placed at ${iso(order.time)}, the run was at ${iso(mine.time)}`);
  if (mine.stopPrice !== undefined && Number(order.stopPrice) !== mine.stopPrice)
    problems.push(`${order.clientOrderId}: rests at ${order.stopPrice}, the row's stop is ${mine.stopPrice}`);
  if (price === null) continue;
  if (mine.stopPrice === undefined) {
    // A market order fills at the close of the minute before it was placed (the emulator's rule): checked
    // against the candle file itself, so the venue filled at the replayed minute the run was at.
    const lastClose = candles.get(order.time - 60_000)?.close;
    if (lastClose === undefined || Math.abs(price - lastClose) > 0.005)
      problems.push(`${order.clientOrderId}: filled at ${price}, the minute's last close is ${lastClose}`);
  } else {
    // A stop fills at its trigger (at the open if the candle opened through it), stamped with the close time
    // (o + 59,999) of the candle that touched it: checked against that candle in the file.
    const candle = candles.get(fills[0]!.time - 59_999);
    const want = candle === undefined ? undefined : Math.min(candle.open, mine.stopPrice);
    if (candle === undefined || candle.low > mine.stopPrice || Math.abs(price - want!) > 0.005)
      problems.push(`${order.clientOrderId}: stop filled at ${price}, its candle gives ${want}`);
  }
  // The run's rows take the venue's fills (the kernel follows the venue): the same price, stops included.
  if (mine.price !== null && Math.abs(price - mine.price) > 0.005)
    problems.push(`${order.clientOrderId}: the run filled at ${mine.price}, the venue at ${price}`);
}
for (const order of expected) {
  if (!venue.orders().some((held) => held.clientOrderId === order.clientOrderId))
    problems.push(`${order.clientOrderId} (${order.why}): in the run's trades, not at the venue`);
}
const balances = venue.balances();
console.log(`\nvenue balances: USDT ${balances.USDT?.free}, BTC ${balances.BTC?.free}`);
await relay.stop();
await venue.stop();
if (problems.length > 0) {
  console.error(`\nthe venue and the run disagree:\n  ${problems.join("\n  ")}`);
  process.exitCode = 1;
} else {
  console.log(
    `agree: ${expected.length} orders of the run's ${events.filter((event) => event.action === "closed").length} trades (stops included), each once at the venue, same side, status, quantity (lot step) and minute, at the run's prices`,
  );
}

/** Spawns the CLI from its sources with extra environment variables; resolves with its output. */
function runCandlewick(
  cliArgs: readonly string[],
  env: Readonly<Record<string, string>>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(
    process.execPath,
    ["--import", "tsx/esm", "--conditions=@candlewick/source", here("./candlewick.ts"), ...cliArgs],
    { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, ...env } },
  );
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk) => {
    stdout += chunk;
  });
  child.stderr.on("data", (chunk) => {
    stderr += chunk;
  });
  return new Promise((resolve) => child.on("close", (code) => resolve({ code, stdout, stderr })));
}

/** Open time → open, low and close of each 1m candle, read straight from the CSV (not through Candlewick). */
function minuteCandles(file: string): Map<number, { open: number; low: number; close: number }> {
  const candles = new Map<number, { open: number; low: number; close: number }>();
  for (const line of gunzipSync(readFileSync(file)).toString("utf8").split("\n").slice(1)) {
    const [timestamp, open, , low, close] = line.split(",");
    if (timestamp && close)
      candles.set(Number(timestamp), { open: Number(open), low: Number(low), close: Number(close) });
  }
  return candles;
}

function iso(ms: number): string {
  return new Date(ms).toISOString().slice(0, 16).replace("T", " ");
}
