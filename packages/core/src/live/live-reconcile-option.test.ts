import { InvalidArgumentError, Live, type LiveOptions } from "@candlewick/core";
import { describe, expect, it } from "vitest";
import { at, registerLiveMarket, takeProfitMarket } from "./live.test-helpers.js";

/** What `Live.run` (called, not iterated) throws for this `reconcileEveryMs`, or undefined when it accepts it. */
function refusal(reconcileEveryMs: unknown): InvalidArgumentError | undefined {
  const setup = registerLiveMarket({
    label: "reconcile-option",
    candles: { TEST: takeProfitMarket() },
    start: at(0),
    end: at(10),
    getSignal: () => null,
  });
  try {
    Live.run("TEST", { ...setup, clock: setup.replay.clock, reconcileEveryMs } as LiveOptions);
  } catch (error) {
    return error as InvalidArgumentError;
  }
  return undefined;
}

describe("Live.run reconcileEveryMs", () => {
  it.each([
    [0, "0"],
    [999, "999"],
    [1500.5, "1500.5"],
    [Number.POSITIVE_INFINITY, "Infinity"],
    [true, "true"],
    ["5m", '"5m"'],
  ])("%j is refused naming the field", (value, shown) => {
    const error = refusal(value);
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect(error!.field).toBe("reconcileEveryMs");
    expect(error!.message).toBe(
      `[Live.run] "reconcileEveryMs" is ${shown}; expected false, or a whole number of milliseconds >= 1000`,
    );
  });

  it.each([false, 1000, 300_000])("%j is taken", (value) => {
    expect(refusal(value)).toBeUndefined();
  });
});
