import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";
import {
  type Broker,
  type ClosedResult,
  createCsvExchange,
  createEngine,
  createMemoryPersist,
  createReplay,
  getCandles,
  type LiveResult,
  type LiveState,
  liveStateKey,
  type PersistAdapter,
  type StrategySchema,
} from "@candlewick/core";
import type { VenueEmulator } from "@candlewick/venue-emulator";
import { afterEach, describe, expect, it } from "vitest";
import { at, brokerOn, startVenue } from "./test-support/emulator.js";

// Live runs of a trailing-stop strategy on the real BTCUSDT candles of 2025-05-20, through ccxt.binance and this
// broker to the venue emulator (Binance spot: the stop rests as STOP_LOSS, the target is the run's own). The
// emulator's clock follows the replay's, so the venue matches the same candles the kernel scans. What the venue
// must end with is computed here from the candles alone (`trail` below), not from the run.

const dataDir = fileURLToPath(new URL("../../../data/candles", import.meta.url));
const ENTRY_MINUTE = 11; // the signal opens at the tick of 00:11, at the close of the 00:10 candle
const QUANTITY = 0.01;
const FIRST_STOP = 100_000;
const TRAIL_PERCENT = 0.08;

/** The repository's BTCUSDT 1m candles, read straight from the CSV: candle i opens at `at(i)`. */
const candles = gunzipSync(readFileSync(`${dataDir}/BTCUSDT-1m.csv.gz`))
  .toString("utf8")
  .trim()
  .split("\n")
  .slice(1)
  .map((line) => {
    const [timestamp, open, high, low, close] = line.split(",").map(Number);
    return { timestamp: timestamp!, open: open!, high: high!, low: low!, close: close! };
  });
const candle = (minute: number) => {
  const found = candles[minute]!;
  expect(found.timestamp).toBe(at(minute));
  return found;
};

interface Placement {
  /** The minute (tick) the stop is placed at: it rests from the candle opening then. */
  readonly minute: number;
  readonly stop: number;
}

/**
 * The trailing stop by hand: the best price starts at the entry (the 00:10 close); after each candle that does
 * not reach the stop, best = max(best, high) and the stop goes to best × (1 − 0.08%) if that is higher, from the
 * next candle on. The first candle whose low reaches the stop closes the position there (at the open on a gap).
 */
function trail(): { placements: Placement[]; closeMinute: number; closePrice: number; entryPrice: number } {
  const entryPrice = candle(ENTRY_MINUTE - 1).close;
  let best = entryPrice;
  let stop = FIRST_STOP;
  const placements: Placement[] = [{ minute: ENTRY_MINUTE, stop }];
  for (let minute = ENTRY_MINUTE; ; minute++) {
    const c = candle(minute);
    if (c.low <= stop)
      return { placements, closeMinute: minute, closePrice: Math.min(c.open, stop), entryPrice };
    best = Math.max(best, c.high);
    const level = best * (1 - TRAIL_PERCENT / 100);
    if (level > stop) {
      stop = level;
      placements.push({ minute: minute + 1, stop });
    }
  }
}

/** The first candle from `minute` on whose low reaches a stop resting at `stop` (rounded to the 0.01 tick). */
function venueFill(minute: number, stop: number): { minute: number; price: number } {
  const trigger = Math.round(stop * 100) / 100;
  for (let i = minute; ; i++) {
    const c = candle(i);
    if (c.open <= trigger) return { minute: i, price: c.open };
    if (c.low <= trigger) return { minute: i, price: trigger };
  }
}

const price8 = (price: number) => (Math.round(price * 100) / 100).toFixed(8);

const trailing: StrategySchema = {
  strategyName: "trailing",
  interval: "1m",
  async getSignal(symbol) {
    // One signal, at 00:11 only, whichever process asks: the same trade in a run and in its restarts.
    const last = (await getCandles(symbol, "1m", 1)).at(-1);
    if (last?.timestamp !== at(ENTRY_MINUTE - 1)) return null;
    return {
      position: "long",
      priceTakeProfit: 200_000,
      priceStopLoss: FIRST_STOP,
      minuteEstimatedTime: 600,
      quantity: QUANTITY,
      trailingStop: { distancePercent: TRAIL_PERCENT },
    };
  },
};

let venue: VenueEmulator | undefined;
/** The clock of the process running now (its replay's): the venue follows it before each request. */
let processClock: () => number = () => 0;
const startFollowingVenue = () => startVenue({ clock: () => processClock(), feeRate: 0 });
afterEach(async () => {
  await venue?.stop();
  venue = undefined;
});

/** What a test watches at the venue: the most stops resting at once, after every call. */
interface Watch {
  maxRestingStops: number;
}

/** One process: an engine with a replay from `startMinute`, trading through a fresh ccxt broker on `venue`. */
async function runProcess(options: {
  readonly venue: VenueEmulator;
  readonly persist: PersistAdapter;
  readonly startMinute: number;
  readonly endMinute: number;
  readonly watch: Watch;
  readonly wrap?: (broker: Broker) => Broker;
}): Promise<{ results: LiveResult[]; errors: Error[] }> {
  const replay = createReplay({
    source: createCsvExchange({ exchangeName: "csv", dir: dataDir }),
    exchangeName: "replay",
    startDate: new Date(at(options.startMinute)),
    endDate: new Date(at(options.endMinute)),
  });
  processClock = () => replay.clock.now();
  const { venue: v, watch } = options;
  const counted = (broker: Broker): Broker => {
    const check = <T>(result: T): T => {
      const resting = v.orders().filter((order) => order.type === "STOP_LOSS" && order.status === "NEW");
      watch.maxRestingStops = Math.max(watch.maxRestingStops, resting.length);
      return result;
    };
    return {
      ...broker,
      createOrder: (request) => broker.createOrder(request).then(check),
      cancelOrder: (symbol, id) => broker.cancelOrder(symbol, id).then(check),
    };
  };
  // ccxt signs with the replay's clock, the venue follows it.
  const raw = brokerOn(v, { milliseconds: () => replay.clock.now() });
  const broker = counted(options.wrap?.(raw) ?? raw);
  const engine = createEngine({ config: { percentFee: 0, percentSlippage: 0 } });
  engine.addExchange(replay.exchange);
  engine.addStrategy(trailing);
  const errors: Error[] = [];
  engine.listenError((error) => errors.push(error));
  const results: LiveResult[] = [];
  try {
    for await (const result of engine.Live.run("BTCUSDT", {
      strategyName: trailing.strategyName,
      exchangeName: "replay",
      persist: options.persist,
      broker,
    })) {
      results.push(result);
    }
  } catch (error) {
    errors.push(error as Error);
  }
  await engine.dispose();
  return { results, errors };
}

/** A memory persist whose writes fail (the process dies there) while `dying()` says so. */
function mortalPersist(dying: () => boolean): PersistAdapter {
  const memory = createMemoryPersist();
  return {
    ...memory,
    async write(key, value) {
      if (dying()) throw new Error("SIGKILL: the process died while writing its state");
      return memory.write(key, value);
    },
  };
}

const stopsAt = (v: VenueEmulator) => v.orders().filter((order) => order.type === "STOP_LOSS");
const ownLeg = (clientOrderId: string) => clientOrderId.slice(clientOrderId.lastIndexOf("-") + 1);

describe("resting protective orders, live on the emulator", () => {
  const expected = trail();

  it("the trailing stop rests on the venue and is replaced at each move; the stop's fill is the close", async () => {
    // Enough moves to be a test of replacement, and the last stop the one that closes.
    expect(expected.placements.length).toBeGreaterThanOrEqual(4);
    venue = await startFollowingVenue();
    const watch: Watch = { maxRestingStops: 0 };
    const run = await runProcess({
      venue,
      persist: createMemoryPersist(),
      startMinute: ENTRY_MINUTE - 1,
      endMinute: expected.closeMinute + 3,
      watch,
    });
    expect(run.errors).toEqual([]);
    const closed = run.results.filter((result): result is ClosedResult => result.action === "closed");
    expect(closed.map((result) => result.closeReason)).toEqual(["stop_loss"]);
    // The row takes the venue's fill: the stop's level at the market's tick, not the kernel's unrounded level.
    expect(closed[0]!.signal.exits[0]!.price).toBeCloseTo(Number(price8(expected.closePrice)), 6);

    const stops = stopsAt(venue);
    console.log(
      `placements ${stops.length}, cancels ${stops.filter((o) => o.status === "CANCELED").length}, filled ${stops.filter((o) => o.status === "FILLED").length}`,
    );
    expect(stops.map((order) => [ownLeg(order.clientOrderId), order.stopPrice, order.time])).toEqual(
      expected.placements.map((placement, i) => [`s${i + 1}`, price8(placement.stop), at(placement.minute)]),
    );
    expect(stops.map((order) => order.status)).toEqual([
      ...expected.placements.slice(1).map(() => "CANCELED"),
      "FILLED",
    ]);
    expect(watch.maxRestingStops).toBe(1);
    // The close is the stop's fill: no market close was sent; two trades in all, the entry and the stop.
    expect(
      venue
        .orders()
        .map((order) => ownLeg(order.clientOrderId))
        .filter((leg) => leg === "c"),
    ).toEqual([]);
    expect(venue.trades().map((trade) => [trade.isBuyer, trade.price])).toEqual([
      [true, expected.entryPrice.toFixed(8)],
      [false, price8(expected.closePrice)],
    ]);
    expect(Number(venue.balances().BTC?.free ?? 0) + Number(venue.balances().BTC?.locked ?? 0)).toBe(0);
  }, 120_000);

  it("killed between cancelling a stop and placing the next: the restart places it in its first pass, nothing twice", async () => {
    const third = expected.placements[2]!;
    venue = await startFollowingVenue();
    const watch: Watch = { maxRestingStops: 0 };
    let dying = false;
    const persist = mortalPersist(() => dying);
    const first = await runProcess({
      venue,
      persist,
      startMinute: ENTRY_MINUTE - 1,
      endMinute: expected.closeMinute + 3,
      watch,
      // The write that records the cancel of s2 fails: the venue has cancelled s2, the state still says open.
      wrap: (broker) => ({
        ...broker,
        async cancelOrder(symbol, id) {
          const order = await broker.cancelOrder(symbol, id);
          if (id.endsWith("-s2")) dying = true;
          return order;
        },
      }),
    });
    expect(first.errors.map((error) => error.message)).toContain(
      "SIGKILL: the process died while writing its state",
    );
    const diedAt = venue.now();
    expect(diedAt).toBe(at(third.minute));
    expect(stopsAt(venue).map((order) => [ownLeg(order.clientOrderId), order.status])).toEqual([
      ["s1", "CANCELED"],
      ["s2", "CANCELED"],
    ]);
    const state = (await persist.read(
      liveStateKey({ strategyName: trailing.strategyName, symbol: "BTCUSDT" }),
    )) as unknown as LiveState;
    expect(state.orders!.find((intent) => intent.clientOrderId.endsWith("-s2"))!.status).toBe("open");

    dying = false;
    const second = await runProcess({
      venue,
      persist,
      startMinute: third.minute,
      endMinute: expected.closeMinute + 3,
      watch,
    });
    expect(second.errors).toEqual([]);
    // The same venue history as an uninterrupted run: s3 placed at the minute the first process died.
    const stops = stopsAt(venue);
    expect(stops.map((order) => [ownLeg(order.clientOrderId), order.stopPrice, order.time])).toEqual(
      expected.placements.map((placement, i) => [`s${i + 1}`, price8(placement.stop), at(placement.minute)]),
    );
    expect(watch.maxRestingStops).toBe(1);
    expect(new Set(venue.orders().map((order) => order.clientOrderId)).size).toBe(venue.orders().length);
    expect(second.results.filter((result) => result.action === "closed")).toHaveLength(1);
    expect(venue.trades()).toHaveLength(2);
  }, 120_000);

  it("a stop that fills while the run is down is adopted on restart as the close; no market close", async () => {
    // Killed at the tick that would place s3: s2 rests at the venue, frozen, while the process is down.
    const second = expected.placements[1]!;
    const killMinute = expected.placements[2]!.minute;
    const fill = venueFill(second.minute, second.stop);
    expect(fill.minute).toBeGreaterThanOrEqual(killMinute);
    const restartMinute = Math.max(fill.minute, expected.closeMinute) + 2;
    venue = await startFollowingVenue();
    const watch: Watch = { maxRestingStops: 0 };
    let dead = false;
    const persist = mortalPersist(() => {
      if (dead) return false;
      dead = processClock() >= at(killMinute);
      return dead;
    });
    const first = await runProcess({
      venue,
      persist,
      startMinute: ENTRY_MINUTE - 1,
      endMinute: expected.closeMinute + 3,
      watch,
    });
    expect(first.errors.map((error) => error.message)).toContain(
      "SIGKILL: the process died while writing its state",
    );
    expect(stopsAt(venue).map((order) => [ownLeg(order.clientOrderId), order.status])).toEqual([
      ["s1", "CANCELED"],
      ["s2", "NEW"],
    ]);
    // Down: the venue goes on matching; s2 fills on the candle computed above.
    venue.advanceTo(at(restartMinute));
    const filled = stopsAt(venue)[1]!;
    expect([filled.status, filled.updateTime]).toEqual(["FILLED", at(fill.minute) + 59_999]);

    const restarted = await runProcess({
      venue,
      persist,
      startMinute: restartMinute,
      endMinute: restartMinute + 3,
      watch,
    });
    expect(restarted.errors).toEqual([]);
    const closed = restarted.results.filter((result): result is ClosedResult => result.action === "closed");
    expect(closed.map((result) => result.closeReason)).toEqual(["stop_loss"]);
    // Nothing was placed after the restart: no s3, no market close; the stop's fill is the close.
    expect(venue.orders().map((order) => ownLeg(order.clientOrderId))).toEqual(["e", "s1", "s2"]);
    expect(venue.trades().map((trade) => [trade.isBuyer, trade.price])).toEqual([
      [true, expected.entryPrice.toFixed(8)],
      [false, fill.price.toFixed(8)],
    ]);
  }, 120_000);
});
