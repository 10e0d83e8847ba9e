import { CandlewickError } from "@candlewick/core";
import { describe, expect, it } from "vitest";
import { choice, gridPoints, integerRange, numberRange } from "./param-spec.js";
import { defineSearchSpace } from "./search-space.js";

describe("parameter specs", () => {
  it("builds integer, number and choice specs with their defaults", () => {
    expect(integerRange(5, 50)).toEqual({ kind: "integer", low: 5, high: 50, step: 1, log: false });
    expect(numberRange(0.001, 0.1, { log: true })).toEqual({
      kind: "number",
      low: 0.001,
      high: 0.1,
      step: undefined,
      log: true,
    });
    expect(choice(["a", "b"]).values).toEqual(["a", "b"]);
  });

  it("lists grid points up to the largest one within the range", () => {
    expect(gridPoints(integerRange(20, 42, { step: 5 }))).toEqual([20, 25, 30, 35, 40]);
    // 0.1 + 2 * 0.1 is 0.30000000000000004 in floating point: the grid keeps 0.3.
    expect(gridPoints(numberRange(0.1, 0.5, { step: 0.1 }))).toEqual([0.1, 0.2, 0.3, 0.4, 0.5]);
    expect(gridPoints(numberRange(0, 1))).toBeUndefined();
  });

  it.each([
    ["a fractional integer bound", () => integerRange(1.5, 3), '"low" is 1.5'],
    ["low above high", () => integerRange(9, 3), '"high" is 3; expected a number >= low (9)'],
    ["a zero step", () => numberRange(0, 1, { step: 0 }), '"step" is 0'],
    ["a log range from 0", () => numberRange(0, 1, { log: true }), '"low" is 0'],
    ["a step on a log range", () => integerRange(1, 100, { step: 5, log: true }), "no step on a log range"],
    ["an empty choice", () => choice([]), "a non-empty array"],
    ["a duplicate choice", () => choice(["a", "a"]), '"values.1" is "a"; expected a value listed once'],
  ])("rejects %s with the field named", (_, build, message) => {
    let caught: unknown;
    try {
      build();
    } catch (error) {
      caught = error;
    }
    expect(CandlewickError.isInstance(caught)).toBe(true);
    expect((caught as Error).message).toContain(message);
  });

  it("names the parameter of an explicit space that is not a spec", () => {
    expect(() => defineSearchSpace({ fast: integerRange(1, 2), slow: 20 as never })).toThrow(
      /"slow" is 20; expected a spec made by integerRange/,
    );
  });
});
