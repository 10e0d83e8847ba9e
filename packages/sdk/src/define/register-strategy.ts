import { addStrategy, type Engine } from "@candlewick/core";
import type { z } from "zod";
import { createStrategySchema, type VariantOptions } from "./create-strategy-schema.js";
import type { StrategyDefinition } from "./define-strategy.js";
import type { ParamOverrides } from "./resolve-params.js";

/**
 * Registers a parameter variant of a definition (on `options.engine`, default the default engine's `addStrategy`)
 * and returns the name it got:
 * `registerStrategy(smaCross)` → `"sma-cross"`, `registerStrategy(smaCross, { fast: 10, slow: 30 })` →
 * `"sma-cross:fast=10,slow=30"` (format: `strategyVariantName`). Register several variants to compare them
 * with the walker.
 * @throws InvalidArgumentError naming a bad parameter, or when the name is already registered.
 */
export function registerStrategy<Schema extends z.ZodType>(
  definition: StrategyDefinition<Schema>,
  overrides?: ParamOverrides<Schema>,
  options?: VariantOptions & { readonly engine?: Engine },
): string {
  const schema = createStrategySchema(definition, overrides, options);
  if (options?.engine === undefined) addStrategy(schema);
  else options.engine.addStrategy(schema);
  return schema.strategyName;
}
