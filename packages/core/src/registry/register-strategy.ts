import { z } from "zod";
import type { EngineState } from "../engine/engine-state.js";
import { sizingSchema } from "../sizing/sizing-schema.js";
import type { StrategySchema } from "../spec/strategy.js";
import { parseWithSchema } from "../validation/parse-with-schema.js";
import { functionField, intervalField, nameField, optionalFunctionField } from "./schema-fields.js";

const strategySchema = z.looseObject({
  strategyName: nameField,
  interval: intervalField,
  getSignal: functionField,
  onOpenInterval: optionalFunctionField,
  sizing: sizingSchema.optional(),
  riskName: nameField.optional(),
  riskList: z.array(nameField, "an array of risk names").optional(),
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
 * (strategy, symbol). Risk names are checked when a run starts, so `addRisk` may come after `addStrategy`.
 * @throws InvalidArgumentError naming the bad field, or when the name is taken.
 */
export function registerStrategy(engine: EngineState, schema: StrategySchema): void {
  parseWithSchema("addStrategy", strategySchema, schema);
  engine.strategies.add("addStrategy", schema.strategyName, schema);
}
