import { fileURLToPath } from "node:url";
import {
  createCsvExchange,
  createEngine,
  createMemoryPersist,
  createReplay,
  type JsonValue,
  type LiveResult,
  type LiveState,
  type PersistAdapter,
  type StrategySchema,
} from "@candlewick/core";
import { describe, expect, it } from "vitest";
import { breakout, dipLadder, shortDca } from "../portfolio/portfolio-strategies.test-helpers.js";

// `progressWrites: "checkpoint"` skips the writes of ticks that changed only what a restart works out again. The
// check here does not trust the runner's revision counter: it writes every tick once ("tick"), strips each state
// of the progress fields, and requires the checkpointed run to have written every change of what is left, in
// order, with the same results. A change the counter misses (a fill, a moved level, a ladder rung) fails it.
const dataDir = fileURLToPath(new URL("../../../../data/candles/sets/spot-2026-03", import.meta.url));
const START = Date.UTC(2026, 2, 24, 0);
const END = Date.UTC(2026, 2, 27, 0);
/** The same rules asked every minute, so the interval last asked in is not written (it is no longer than the tick). */
const perMinute = (strategy: StrategySchema): StrategySchema => ({
  ...strategy,
  strategyName: `${strategy.strategyName}-1m`,
  interval: "1m",
});
const STRATEGIES = [breakout, dipLadder, shortDca, perMinute(dipLadder), perMinute(shortDca)];

async function liveRun(strategy: StrategySchema, progressWrites: "tick" | "checkpoint") {
  const engine = createEngine({ config: { initialCapital: 1e6 } });
  engine.addExchange(
    createReplay({
      source: createCsvExchange({ exchangeName: "csv", dir: dataDir }),
      exchangeName: "replay",
      startDate: new Date(START),
      endDate: new Date(END),
      prefetch: true,
    }).exchange,
  );
  engine.addStrategy(strategy);
  const memory = createMemoryPersist();
  const writes: LiveState[] = [];
  // A wrapper is not the memory adapter itself, so the mode given is the one used.
  const persist: PersistAdapter = {
    ...memory,
    write(key, value) {
      writes.push(JSON.parse(JSON.stringify(value)) as LiveState);
      return memory.write(key, value);
    },
  };
  const errors: Error[] = [];
  engine.listenError((error) => errors.push(error));
  const results: LiveResult[] = [];
  for await (const result of engine.Live.run("BTCUSDT", {
    strategyName: strategy.strategyName,
    exchangeName: "replay",
    persist,
    progressWrites,
  })) {
    results.push(result);
  }
  await engine.dispose();
  return { results, writes, errors };
}

/** A state without what a restart re-derives: the scan's progress and the buckets last asked in. */
function durable(state: LiveState): JsonValue {
  const {
    scanFrom: _s,
    firstCandle: _f,
    extremes: _e,
    lastSignalBucket,
    hookBucket,
    ...runner
  } = state.runner;
  return JSON.parse(
    JSON.stringify({
      ...state,
      runner,
      // Written while they matter (a strategy interval longer than the tick), dropped otherwise; compared apart.
      buckets: [lastSignalBucket, hookBucket],
    }),
  ) as JsonValue;
}

/** The distinct consecutive values of `items`. */
function changes<T>(items: readonly T[], key: (item: T) => string): string[] {
  const out: string[] = [];
  for (const item of items) {
    const k = key(item);
    if (out.at(-1) !== k) out.push(k);
  }
  return out;
}

describe("live progressWrites: checkpoint", () => {
  for (const strategy of STRATEGIES) {
    it(`${strategy.strategyName}: writes every change a restart needs, skips the rest, trades the same`, async () => {
      const everyTick = await liveRun(strategy, "tick");
      const checkpoint = await liveRun(strategy, "checkpoint");
      expect(everyTick.errors).toEqual([]);
      expect(checkpoint.errors).toEqual([]);
      expect(everyTick.results.filter((r) => r.action === "closed").length).toBeGreaterThanOrEqual(2);
      expect(JSON.stringify(checkpoint.results)).toBe(JSON.stringify(everyTick.results));

      const bucketsMatter = strategy.interval !== "1m";
      const key = (state: LiveState) => {
        const value = durable(state) as { buckets: unknown };
        return JSON.stringify(bucketsMatter ? value : { ...value, buckets: null });
      };
      expect(changes(checkpoint.writes, key)).toEqual(changes(everyTick.writes, key));
      // And most ticks wrote nothing.
      expect(checkpoint.writes.length).toBeLessThan(everyTick.writes.length / 2);
      // No checkpointed state is more than the checkpoint behind: the scan never ran an hour past the stored one.
      for (const [i, state] of checkpoint.writes.entries()) {
        const next = checkpoint.writes[i + 1];
        if (next?.runner.phase === "opened" && state.runner.phase === "opened") {
          expect(next.runner.scanFrom - state.runner.scanFrom).toBeLessThanOrEqual(61 * 60_000);
        }
      }
    });
  }
});

describe("live progressWrites: the option", () => {
  it("refuses anything but tick or checkpoint, naming the field", () => {
    const engine = createEngine();
    engine.addExchange(createCsvExchange({ exchangeName: "csv", dir: dataDir }));
    engine.addStrategy(breakout);
    expect(() =>
      engine.Live.run("BTCUSDT", {
        strategyName: breakout.strategyName,
        exchangeName: "csv",
        persist: createMemoryPersist(),
        progressWrites: "sometimes" as "tick",
      }),
    ).toThrow(/progressWrites.*"tick", "checkpoint"/s);
  });
});
