import { addFrame, InvalidArgumentError } from "@candlewick/core";
import { describe, expect, it } from "vitest";
import { at, flat, MINUTE, uniqueName } from "../testing/memory-exchange.js";
import { runScenario, signalsAt } from "../testing/scenario.js";

// Issue 9 item 11: ticks are startDate + i·interval (startDate on a whole minute), never rounded up to the
// interval, and a frame with no tick is an error. Every expected tick below is worked out by hand.
const candles = flat(at(-60), 180, 100);

describe("frame ticks start at startDate, not at the next interval boundary", () => {
  it.each(["1h", "1d"] as const)("a %s frame from 10:24 to 10:35 ticks once, at 10:24", async (interval) => {
    const getSignal = signalsAt({});
    const outcome = await runScenario({
      label: `ticks-${interval}`,
      candles,
      start: at(24),
      end: at(35),
      frameInterval: interval,
      getSignal,
    });
    expect(getSignal.calls).toEqual([at(24)]);
    expect(outcome.errors).toEqual([]);
    expect(outcome.done).toHaveLength(1);
  });

  it("a 15m frame from 10:07 to 10:50 ticks at 10:07, 10:22 and 10:37", async () => {
    const getSignal = signalsAt({});
    await runScenario({
      label: "ticks-15m",
      candles,
      start: at(7),
      end: at(50),
      frameInterval: "15m",
      getSignal,
    });
    expect(getSignal.calls).toEqual([at(7), at(22), at(37)]);
  });

  it("a startDate inside a minute ticks from the next whole minute: 10:24:30 → 10:25, 10:26, 10:27", async () => {
    const getSignal = signalsAt({});
    await runScenario({
      label: "ticks-seconds",
      candles,
      start: at(24) + 30_000,
      end: at(28),
      getSignal,
    });
    expect(getSignal.calls).toEqual([at(25), at(26), at(27)]);
  });
});

describe("a frame with no tick", () => {
  it("is refused by addFrame, naming the frame, its start, end and interval", () => {
    const frameName = uniqueName("no-tick");
    const startDate = new Date(at(24) + 10_000);
    const endDate = new Date(at(24) + 50_000);
    let error: unknown;
    try {
      addFrame({ frameName, interval: "1h", startDate, endDate });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(InvalidArgumentError);
    const message = (error as Error).message;
    expect(message).toContain(`"${frameName}"`);
    expect(message).toContain("2024-01-01T10:24:10.000Z"); // start
    expect(message).toContain("2024-01-01T10:24:50.000Z"); // end
    expect(message).toContain("2024-01-01T10:25:00.000Z"); // the first tick it would have had
    expect(message).toContain("1h");
    // The same range one minute wider has its tick at 10:25 and is accepted.
    addFrame({ frameName: `${frameName}-ok`, interval: "1h", startDate, endDate: new Date(at(25) + MINUTE) });
  });
});
