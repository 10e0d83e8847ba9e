import { InvalidArgumentError } from "@candlewick/core";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { defineStrategy, isStrategyDefinition } from "./define-strategy.js";

const valid = {
  name: "sma-cross",
  interval: "15m" as const,
  params: z.object({ fast: z.number().int().min(2), slow: z.number().int().min(3).default(30) }),
  defaults: { fast: 10 },
  getSignal: () => null,
};

function thrown(fn: () => unknown): InvalidArgumentError {
  try {
    fn();
  } catch (error) {
    if (error instanceof InvalidArgumentError) return error;
    throw error;
  }
  throw new Error("expected an InvalidArgumentError");
}

describe("defineStrategy", () => {
  it("returns a frozen definition with the parsed defaults", () => {
    const definition = defineStrategy(valid);
    expect(isStrategyDefinition(definition)).toBe(true);
    expect(isStrategyDefinition({ ...valid })).toBe(false);
    expect(Object.isFrozen(definition)).toBe(true);
    expect(definition.defaultParams).toEqual({ fast: 10, slow: 30 });
  });

  it.each([
    ["name", { name: "" }],
    ["name", { name: "a:b" }],
    ["name", { name: "a/b" }],
    ["interval", { interval: "7m" }],
    ["params", { params: { fast: 1 } }],
    ["getSignal", { getSignal: "nope" }],
  ])("rejects a bad %s, naming it", (field, patch) => {
    const error = thrown(() => defineStrategy({ ...valid, ...(patch as object) } as typeof valid));
    expect(error.field).toBe(field);
    expect(error.message).toContain(`"${field}"`);
  });

  it("rejects defaults the schema refuses, naming the parameter", () => {
    const error = thrown(() => defineStrategy({ ...valid, defaults: { fast: 1 } }));
    expect(error.field).toBe("fast");
    expect(error.message).toMatch(/^\[sma-cross defaults\] "fast" is 1; expected/);
  });
});
