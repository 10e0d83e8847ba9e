import { InvalidArgumentError, listStrategies } from "@candlewick/core";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { createStrategySchema } from "./create-strategy-schema.js";
import { defineStrategy } from "./define-strategy.js";
import { registerStrategy } from "./register-strategy.js";

const smaCross = defineStrategy({
  name: "variant-test",
  interval: "1m",
  params: z.object({
    fast: z.number().int().min(2),
    slow: z.number().int().min(3),
    label: z.string().default("x"),
  }),
  defaults: { fast: 10, slow: 30 },
  getSignal: () => null,
});

describe("registerStrategy", () => {
  it("names variants base:key=value in code-point order of the given keys", () => {
    expect(registerStrategy(smaCross)).toBe("variant-test");
    expect(registerStrategy(smaCross, { slow: 50, fast: 20 })).toBe("variant-test:fast=20,slow=50");
    expect(registerStrategy(smaCross, { fast: 5 })).toBe("variant-test:fast=5");
    expect(registerStrategy(smaCross, { label: "a b/c" })).toBe("variant-test:label=a%20b%2Fc");
    const names = listStrategies().map((s) => s.strategyName);
    expect(names).toEqual(
      expect.arrayContaining(["variant-test", "variant-test:fast=20,slow=50", "variant-test:fast=5"]),
    );
  });

  it("registers under an explicit name, and refuses a name taken", () => {
    expect(registerStrategy(smaCross, { fast: 3 }, { strategyName: "my-fast-variant" })).toBe(
      "my-fast-variant",
    );
    expect(() => registerStrategy(smaCross, { fast: 5 })).toThrow(/variant-test:fast=5/);
  });

  it("rejects a bad or unknown parameter with an InvalidArgumentError naming it", () => {
    for (const [overrides, field] of [
      [{ fast: 1 }, "fast"],
      [{ slow: "30" }, "slow"],
      [{ fsat: 12 }, "fsat"],
    ] as const) {
      let caught: unknown;
      try {
        registerStrategy(smaCross, overrides as never);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(InvalidArgumentError);
      expect((caught as InvalidArgumentError).field).toBe(field);
      expect((caught as Error).message).toContain(`[variant-test params] "${field}"`);
    }
  });

  it("passes the merged, parsed and frozen parameters to getSignal", () => {
    const schema = createStrategySchema(smaCross, { slow: 40 });
    expect(schema.params).toEqual({ fast: 10, slow: 40, label: "x" });
    expect(Object.isFrozen(schema.params)).toBe(true);
  });
});
