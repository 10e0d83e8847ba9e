import { z } from "zod";
import type { StrategySchema } from "../spec/strategy.js";
import { parseWithSchema } from "../validation/parse-with-schema.js";
import { strategies } from "./registries.js";
import { functionField, intervalField, nameField, optionalFunctionField } from "./schema-fields.js";

const strategySchema = z.looseObject({
  strategyName: nameField,
  interval: intervalField,
  getSignal: functionField,
  callbacks: z
    .looseObject({
      onSchedule: optionalFunctionField,
      onOpen: optionalFunctionField,
      onClose: optionalFunctionField,
      onCancel: optionalFunctionField,
    })
    .optional(),
  note: z.string().optional(),
});

/**
 * Registers a strategy. One schema object serves every symbol; the engine keeps signal state per
 * (strategy, symbol).
 * @throws InvalidArgumentError naming the bad field, or when the name is taken.
 */
export function addStrategy(schema: StrategySchema): void {
  parseWithSchema("addStrategy", strategySchema, schema);
  strategies.add("addStrategy", schema.strategyName, schema);
}

/** Every registered strategy, in registration order. */
export function listStrategies(): StrategySchema[] {
  return strategies.list();
}
