import { z } from "zod";
import { configPatchSchema } from "../config/candlewick-config.js";
import type { EngineState } from "../engine/engine-state.js";
import { InvalidArgumentError } from "../errors/invalid-argument-error.js";
import { nameField, optionalFunctionField } from "../registry/schema-fields.js";
import { isWalkerMetric, WALKER_METRICS } from "../statistics/walker-metric.js";
import { parseWithSchema } from "../validation/parse-with-schema.js";
import { setupModuleHref } from "./setup-module-href.js";
import type { WalkerSchema } from "./walker-schema.js";

const walkerSchema = z.looseObject({
  walkerName: nameField,
  exchangeName: nameField,
  frameName: nameField,
  strategies: z.array(nameField).min(1, "a list of at least one strategy name"),
  metric: z.custom<string>(isWalkerMetric, `one of ${Object.keys(WALKER_METRICS).join(", ")}`).optional(),
  callbacks: z
    .looseObject({
      onStrategyStart: optionalFunctionField,
      onStrategyComplete: optionalFunctionField,
      onComplete: optionalFunctionField,
    })
    .optional(),
  setupModule: z
    .custom<string | URL>(
      (value) => setupModuleHref(value) !== null,
      'an absolute path or a file: URL, e.g. new URL("./setup.ts", import.meta.url)',
    )
    .optional(),
  config: configPatchSchema.optional(),
  note: z.string().optional(),
});

/**
 * Registers a walker: a comparison of strategies on one exchange and frame, ranked by `metric`
 * (default `"sharpeRatio"`). Names are checked when the walker runs, so registration order does not matter.
 * @throws InvalidArgumentError naming the bad field, a strategy listed twice, or a taken name.
 */
export function registerWalker(engine: EngineState, schema: WalkerSchema): void {
  parseWithSchema("addWalker", walkerSchema, schema);
  const seen = new Set<string>();
  schema.strategies.forEach((name, index) => {
    if (seen.has(name)) {
      throw new InvalidArgumentError("addWalker", `strategies.${index}`, name, "a strategy name listed once");
    }
    seen.add(name);
  });
  engine.walkers.add(
    "addWalker",
    schema.walkerName,
    Object.freeze({ ...schema, strategies: Object.freeze([...schema.strategies]) }),
  );
}
