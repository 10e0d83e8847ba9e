import { InvalidArgumentError, parseWithSchema } from "@candlewick/core";
import type { z } from "zod";
import type { StrategyDefinition } from "./define-strategy.js";

/** A parameter override: any subset of the definition's parameters. */
export type ParamOverrides<Schema extends z.ZodType> = Partial<z.input<Schema>>;

/**
 * The parameter set `{...defaults, ...overrides}`, parsed by the definition's schema. An override naming a
 * parameter the object schema does not declare is an error too (zod would silently drop it).
 * @throws InvalidArgumentError naming the parameter, with component `<name> params`.
 */
export function resolveParams<Schema extends z.ZodType>(
  definition: StrategyDefinition<Schema>,
  overrides: ParamOverrides<Schema> = {},
): z.output<Schema> {
  const component = `${definition.name} params`;
  if (overrides === null || typeof overrides !== "object" || Array.isArray(overrides)) {
    throw new InvalidArgumentError(component, "(params)", overrides, "an object of parameter values");
  }
  const shape = (definition.params as { shape?: unknown }).shape;
  if (shape !== null && typeof shape === "object") {
    const known = Object.keys(shape);
    for (const key of Object.keys(overrides)) {
      if (!known.includes(key)) {
        throw new InvalidArgumentError(
          component,
          key,
          (overrides as Record<string, unknown>)[key],
          `a declared parameter (${known.join(", ")})`,
        );
      }
    }
  }
  const merged = { ...(definition.defaults as object), ...(overrides as object) };
  return parseWithSchema(component, definition.params, merged) as z.output<Schema>;
}
