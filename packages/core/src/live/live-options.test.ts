import {
  createMemoryPersist,
  createReplay,
  ExchangeError,
  InvalidArgumentError,
  Live,
  type LiveClock,
  type LiveOptions,
  type LiveResult,
} from "@candlewick/core";
import { describe, expect, it } from "vitest";
import { createMemoryExchange } from "../testing/memory-exchange.js";
import { at, registerLiveMarket, takeProfitMarket } from "./live.test-helpers.js";

// Regression (issue 9, item 10): bad live options used to be taken as they came — `retry.attempts: Infinity`
// never stopped retrying, the backoff grew without bound, `persist: {}` / `clock: {}` failed later with a raw
// TypeError, and a replay could end before it started.

function market(label: string) {
  return registerLiveMarket({
    label,
    candles: { TEST: takeProfitMarket() },
    start: at(0),
    end: at(10),
    getSignal: () => null,
  });
}

/** What `Live.run` (called, not iterated) throws for these options. */
function refusal(options: Partial<LiveOptions> & Record<string, unknown>): InvalidArgumentError {
  const setup = market("options");
  let thrown: unknown;
  try {
    Live.run("TEST", { ...setup, clock: setup.replay.clock, ...options } as LiveOptions);
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(InvalidArgumentError);
  return thrown as InvalidArgumentError;
}

describe("Live options are validated when the run is created", () => {
  it.each([
    [{ attempts: Number.POSITIVE_INFINITY }, "retry.attempts", "Infinity", "a whole number of attempts >= 1"],
    [{ attempts: 0 }, "retry.attempts", "0", "a whole number of attempts >= 1"],
    [{ attempts: 2.5 }, "retry.attempts", "2.5", "a whole number of attempts >= 1"],
    [{ baseDelayMs: -1 }, "retry.baseDelayMs", "-1", "a finite number of milliseconds >= 0"],
    [{ baseDelayMs: Number.NaN }, "retry.baseDelayMs", "NaN", "a finite number of milliseconds >= 0"],
    [
      { maxDelayMs: Number.POSITIVE_INFINITY },
      "retry.maxDelayMs",
      "Infinity",
      "a finite number of milliseconds >= 0",
    ],
    [{ maxRetries: 3 }, "retry.maxRetries", "3", "no such option (misspelt?)"],
  ])("retry %j is refused naming %s", (retry, field, shown, expected) => {
    const error = refusal({ retry } as Partial<LiveOptions>);
    expect(error.field).toBe(field);
    expect(error.message).toBe(`[Live.run] "${field}" is ${shown}; expected ${expected}`);
  });

  it("persist: {} is refused with what a persistence adapter is, not a TypeError later", () => {
    const error = refusal({ persist: {} as never });
    expect(error.field).toBe("persist");
    expect(error.message).toContain('"persist" is {}; expected a persistence adapter');
    expect(error.expected).toContain("read, write, delete, has and keys");
  });

  it("clock: {} is refused with what a clock is", () => {
    const error = refusal({ clock: {} as never });
    expect(error.field).toBe("clock");
    expect(error.message).toContain('"clock" is {}; expected a clock');
    expect(error.expected).toContain("now(), sleepUntil() and delay()");
  });

  it("Live.background refuses the same options the same way", () => {
    const setup = market("options-background");
    expect(() => Live.background("TEST", { ...setup, persist: {} as never })).toThrow(
      /\[Live\.background\] "persist" is \{\}; expected a persistence adapter/,
    );
  });

  it("valid options still run (a memory store, a replay clock, a capped retry)", async () => {
    const setup = market("options-valid");
    const results: LiveResult[] = [];
    for await (const result of Live.run("TEST", {
      ...setup,
      persist: createMemoryPersist(),
      clock: setup.replay.clock,
      retry: { attempts: 2, baseDelayMs: 10, maxDelayMs: 20 },
    })) {
      results.push(result);
    }
    expect(results).toEqual([]);
  });
});

describe("Live retry: the backoff is capped", () => {
  it("doubles from baseDelayMs but never waits longer than maxDelayMs", async () => {
    let calls = 0;
    const setup = registerLiveMarket({
      label: "retry-cap",
      candles: { TEST: takeProfitMarket() },
      start: at(0),
      end: at(1),
      getSignal: () => null,
      // Every request of the only tick times out: 8 attempts, 7 waits.
      wrapSource: (source) => ({
        ...source,
        async getCandles() {
          calls++;
          throw new ExchangeError("flaky", "timed out", { symbol: "TEST", isRetryable: true });
        },
      }),
    });
    const delays: number[] = [];
    const clock: LiveClock = {
      ...setup.replay.clock,
      delay: (ms) => {
        delays.push(ms);
        return Promise.resolve();
      },
    };
    for await (const _ of Live.run("TEST", {
      ...setup,
      clock,
      retry: { attempts: 8, baseDelayMs: 1000, maxDelayMs: 4000 },
    })) {
      // no results: the tick fails
    }
    expect(calls).toBe(8);
    expect(delays).toHaveLength(7);
    // Uncapped, the waits would be about 1, 2, 4, 8, 16, 32 and 64 s (±25%). Capped: at most 4 s each.
    for (const delay of delays) expect(delay).toBeLessThanOrEqual(4000);
    expect(delays[0]).toBeGreaterThanOrEqual(750);
    expect(delays[0]).toBeLessThanOrEqual(1250);
    // From the 4th wait on, the doubled delay (≥ 8 s × 0.75) is past the cap: exactly the cap.
    expect(delays.slice(3)).toEqual([4000, 4000, 4000, 4000]);
  });
});

describe("createReplay", () => {
  const source = createMemoryExchange("replay-range-source", {});

  it("refuses an end before its start, naming both", () => {
    const start = new Date(at(10));
    const end = new Date(at(0));
    let thrown: unknown;
    try {
      createReplay({ source, startDate: start, endDate: end });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(InvalidArgumentError);
    expect((thrown as InvalidArgumentError).field).toBe("endDate");
    expect((thrown as Error).message).toBe(
      `[createReplay] "endDate" is ${end.toISOString()}; expected a time after startDate (${start.toISOString()})`,
    );
  });

  it("refuses an end equal to its start (a replay with no time in it)", () => {
    const when = new Date(at(0));
    expect(() => createReplay({ source, startDate: when, endDate: when })).toThrow(
      /"endDate" is .*; expected a time after startDate/,
    );
  });
});
