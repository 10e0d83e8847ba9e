import { defineStrategy } from "@candlewick/sdk";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { choice, integerRange, numberRange } from "./param-spec.js";
import { searchSpaceFromStrategy } from "./search-space-from-strategy.js";

const strategy = defineStrategy({
  name: "space-probe",
  interval: "5m",
  params: z.object({
    fast: z.number().int().min(2).max(50),
    slow: z.number().int().min(10).max(200).multipleOf(5),
    bandPct: z.number().positive().max(4),
    period: z.int().gt(1).lt(30).default(14),
    mode: z.enum(["ema", "sma"]),
    trail: z.boolean().default(false),
    side: z.literal("long"),
    fee: z.number(),
  }),
  defaults: { fast: 10, slow: 50, bandPct: 1, mode: "ema", side: "long", fee: 0.1 },
  getSignal: () => null,
});

describe("searchSpaceFromStrategy", () => {
  it("reads ranges, steps, enums, booleans and literals from the zod params", () => {
    const space = searchSpaceFromStrategy(strategy, { ranges: { fee: numberRange(0, 0.2) } });
    expect(space.fast).toEqual(integerRange(2, 50));
    expect(space.slow).toEqual(integerRange(10, 200, { step: 5 }));
    // .positive() is > 0: the range starts a hair above 0 (1e-9 of its width).
    expect(space.bandPct).toEqual(numberRange(4e-9, 4));
    // .gt(1).lt(30) on integers: 2 .. 29, through the .default() wrapper.
    expect(space.period).toEqual(integerRange(2, 29));
    expect(space.mode).toEqual(choice(["ema", "sma"]));
    expect(space.trail).toEqual(choice([false, true]));
    expect(space.side).toEqual(choice(["long"]));
    expect(space.fee).toEqual(numberRange(0, 0.2));
  });

  it("names an unbounded parameter and says how to bound it", () => {
    expect(() => searchSpaceFromStrategy(strategy)).toThrow(
      '[space-probe search space] "fee" is "a number range -Infinity .. Infinity"; expected .min() and .max() on the schema, or an explicit range: ranges: { fee: numberRange(low, high) }',
    );
  });

  it("searches only the included parameters, with explicit ranges winning", () => {
    const space = searchSpaceFromStrategy(strategy, {
      include: ["fast", "slow"],
      ranges: { slow: integerRange(20, 100, { step: 10 }) },
    });
    expect(Object.keys(space)).toEqual(["fast", "slow"]);
    expect(space.slow).toEqual(integerRange(20, 100, { step: 10 }));
  });

  it("rejects a name the schema does not declare", () => {
    expect(() => searchSpaceFromStrategy(strategy, { include: ["fats"] })).toThrow(
      /"include.fats" is "fats"; expected a parameter \(fast, slow/,
    );
  });

  it("rejects a schema that is not a zod object", () => {
    expect(() => searchSpaceFromStrategy({ name: "x", params: z.number() })).toThrow(/"params"/);
  });
});
