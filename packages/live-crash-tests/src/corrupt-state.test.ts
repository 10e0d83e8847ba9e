import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  addExchange,
  addStrategy,
  CandlewickError,
  createCsvExchange,
  createReplay,
  type DoneEvent,
  Live,
  listenDoneLive,
  listenError,
  PersistError,
  setPersist,
} from "@candlewick/core";
import { createFsPersist } from "@candlewick/persist-fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { crashStrategy, DATA_DIR, SYMBOL, WINDOW_START } from "./crash-scenario.js";

let workDir = "";
let sequence = 0;

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), "candlewick-live-corrupt-"));
});
afterAll(async () => {
  await rm(workDir, { recursive: true, force: true });
});

/** Fresh names and a fresh state directory holding `content` as the (strategy, BTCUSDT) state file. */
async function withStateFile(label: string, content: string) {
  sequence += 1;
  const strategyName = `${label}-${sequence}`;
  const exchangeName = `${label}-replay-${sequence}`;
  const asked: number[] = [];
  const requests: string[] = [];
  const source = createCsvExchange({ exchangeName: `${label}-source-${sequence}`, dir: DATA_DIR });
  const replay = createReplay({
    source: {
      ...source,
      getCandles(symbol, interval, since, limit) {
        requests.push(symbol);
        return source.getCandles(symbol, interval, since, limit);
      },
    },
    exchangeName,
    startDate: new Date(WINDOW_START),
    endDate: new Date(WINDOW_START + 30 * 60_000),
  });
  addExchange(replay.exchange);
  const strategy = crashStrategy(strategyName);
  addStrategy({
    ...strategy,
    getSignal: (symbol, when) => {
      asked.push(when.getTime());
      return strategy.getSignal(symbol, when);
    },
  });
  const baseDir = join(workDir, `${label}-${sequence}`);
  const path = join(baseDir, "signals", strategyName, `${SYMBOL}.json`);
  await mkdir(join(baseDir, "signals", strategyName), { recursive: true });
  await writeFile(path, content);
  return { strategyName, exchangeName, clock: replay.clock, baseDir, path, asked, requests };
}

/** A state file cut short in the middle of a write, as a non-atomic writer would leave it. */
const TORN = '{"version":1,"exchangeName":"crash-replay","runner":{"phase":"opened","signal":{"id":"4f1c';

describe("Live on a corrupt persist-fs state file", () => {
  it("Live.run refuses to start with the PersistError that names the file, and leaves the file alone", async () => {
    const setup = await withStateFile("corrupt-run", TORN);
    const persist = createFsPersist({ baseDir: setup.baseDir });
    const done: DoneEvent[] = [];
    const stop = listenDoneLive((event) => {
      if (event.strategyName === setup.strategyName) done.push(event);
    });
    const run = Live.run(SYMBOL, { ...setup, persist });
    const error = await run.next().then(
      () => undefined,
      (rejection: unknown) => rejection,
    );
    stop();

    expect(error).toBeInstanceOf(PersistError);
    const persistError = error as PersistError;
    expect(persistError.code).toBe("PERSIST_ERROR");
    expect(persistError.location).toBe(setup.path);
    // The message documented in the persist-fs README, section "Corrupt files".
    expect(persistError.message).toMatch(
      new RegExp(
        `^\\[persist-fs\\] corrupt state file ${setup.path.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} \\(.+\\); it was left untouched\\. Inspect it, then move it aside`,
      ),
    );
    // Nothing ran: no candle request, no strategy call, no trade on top of an unknown position.
    expect(setup.requests).toEqual([]);
    expect(setup.asked).toEqual([]);
    expect(await readFile(setup.path, "utf8")).toBe(TORN);
    expect(done).toHaveLength(1);
    expect(done[0]!.error).toBe(error);
    // The generator is finished: asking again does not start it.
    expect(await run.next()).toEqual({ done: true, value: undefined });
  });

  it("Live.background reports the same error on listenError and ends, with setPersist as the store", async () => {
    const setup = await withStateFile("corrupt-background", TORN);
    setPersist(createFsPersist({ baseDir: setup.baseDir }));
    const errors: Error[] = [];
    const reported = new Promise<void>((resolve) => {
      const stop = listenError((error) => {
        errors.push(error);
        stop();
        resolve();
      });
    });
    const done = new Promise<DoneEvent>((resolve) => {
      const stop = listenDoneLive((event) => {
        if (event.strategyName !== setup.strategyName) return;
        stop();
        resolve(event);
      });
    });
    Live.background(SYMBOL, {
      strategyName: setup.strategyName,
      exchangeName: setup.exchangeName,
      clock: setup.clock,
    });
    const [event] = await Promise.all([done, reported]);

    expect(event.error).toBeInstanceOf(PersistError);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toBe(event.error);
    expect((errors[0] as PersistError).location).toBe(setup.path);
    expect(errors[0]!.message).toContain(`corrupt state file ${setup.path}`);
    expect(setup.asked).toEqual([]);
    expect(await readFile(setup.path, "utf8")).toBe(TORN);
  });

  it("valid JSON that is not a live state is refused too, naming the key and the adapter", async () => {
    const setup = await withStateFile("foreign", JSON.stringify({ signalRow: null }));
    const persist = createFsPersist({ baseDir: setup.baseDir });
    const error = await Live.run(SYMBOL, { ...setup, persist })
      .next()
      .then(
        () => undefined,
        (rejection: unknown) => rejection,
      );
    expect(CandlewickError.isInstance(error)).toBe(true);
    expect((error as CandlewickError).code).toBe("BAD_LIVE_STATE");
    expect((error as Error).message).toContain(`persist-fs at signals/${setup.strategyName}/${SYMBOL}`);
    expect(setup.asked).toEqual([]);
  });

  // Regression (issue 9, item 2): these used to be accepted — a null file as "no state", then overwritten; a
  // state of another symbol, resumed and closed on this symbol's prices; a negative stop-loss.
  it.each([
    ["a file containing null", () => null, "(state)", "is null; expected a live state object"],
    [
      "an open position written for ETHUSDT",
      (names: Names) => openedBy(names, { symbol: "ETHUSDT" }),
      "runner.signal.symbol",
      `is "ETHUSDT"; expected "${SYMBOL}" (the run's symbol)`,
    ],
    [
      "a negative stop-loss",
      (names: Names) => openedBy(names, { priceStopLoss: -1 }),
      "runner.signal.priceStopLoss",
      "is -1; expected a finite price > 0",
    ],
  ] as const)(
    "%s is refused with BAD_LIVE_STATE naming the field; the file is left as it was",
    async (_, make, field, text) => {
      const setup = await withStateFile("bad-state", "");
      // The state is written with the names withStateFile registered.
      const rewritten = JSON.stringify(make(setup));
      await writeFile(setup.path, rewritten);
      const persist = createFsPersist({ baseDir: setup.baseDir });
      const error = await Live.run(SYMBOL, { ...setup, persist })
        .next()
        .then(
          () => undefined,
          (rejection: unknown) => rejection,
        );
      expect(CandlewickError.isInstance(error)).toBe(true);
      expect((error as CandlewickError).code).toBe("BAD_LIVE_STATE");
      expect((error as CandlewickError).details).toMatchObject({ field });
      expect((error as Error).message).toContain(`persist-fs at signals/${setup.strategyName}/${SYMBOL}`);
      expect((error as Error).message).toContain(`"${field}" ${text}`);
      expect(setup.requests).toEqual([]);
      expect(setup.asked).toEqual([]);
      expect(await readFile(setup.path, "utf8")).toBe(rewritten);
    },
  );
});

interface Names {
  readonly strategyName: string;
  readonly exchangeName: string;
}

/** A well-formed state of a long opened at 68,000 on BTCUSDT, with `change` applied to its signal. */
function openedBy(names: Names, change: Record<string, unknown>) {
  const opened = WINDOW_START - 5 * 60_000;
  return {
    version: 1,
    exchangeName: names.exchangeName,
    runner: {
      phase: "opened",
      signal: {
        id: "hand-written-1",
        symbol: SYMBOL,
        strategyName: names.strategyName,
        exchangeName: names.exchangeName,
        frameName: "",
        position: "long",
        priceOpen: 68_000,
        priceTakeProfit: 68_374,
        priceStopLoss: 67_626,
        minuteEstimatedTime: 20,
        scheduledAt: opened,
        pendingAt: opened,
        ...change,
      },
      scanFrom: opened,
      firstCandle: "full",
      extremes: { best: 68_000, worst: 68_000 },
      lastSignalBucket: opened,
      idleSince: null,
    },
    outbox: [],
  };
}
