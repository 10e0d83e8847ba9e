import { InvalidArgumentError } from "@candlewick/core";
import type { z } from "zod";
import { type ChoiceValue, choice, integerRange, numberRange, type ParamSpec } from "./param-spec.js";
import type { SearchSpace } from "./search-space.js";

/** What {@link searchSpaceFromStrategy} reads: a `defineStrategy` definition (or anything with a zod object `params`). */
export interface ParameterisedStrategy {
  readonly name: string;
  readonly params: z.ZodType;
}

/** Options of {@link searchSpaceFromStrategy}. */
export interface StrategySpaceOptions {
  /** Search only these parameters; the others keep the definition's defaults. Default: every parameter. */
  readonly include?: readonly string[];
  /** Explicit specs, used instead of what the schema says (required for an unbounded number). */
  readonly ranges?: Readonly<Record<string, ParamSpec>>;
}

/** The zod v4 internals read here (public `_zod.def`, stable across 4.x). */
interface ZodInternals {
  readonly _zod: {
    readonly def: {
      readonly type: string;
      readonly innerType?: ZodInternals;
      readonly checks?: readonly { readonly _zod: { readonly def: CheckDef } }[];
      readonly entries?: Readonly<Record<string, ChoiceValue>>;
      readonly values?: readonly unknown[];
    };
  };
  readonly format?: string | null;
  readonly isInt?: boolean;
}

interface CheckDef {
  readonly check: string;
  readonly value?: number;
  readonly inclusive?: boolean;
}

/** Wrappers whose inner schema describes the value (`.default()`, `.optional()`...). */
const WRAPPERS = new Set(["default", "prefault", "optional", "nullable", "readonly", "catch", "nonoptional"]);

/**
 * The search space of a strategy's zod parameters: `z.number().int().min(a).max(b)` becomes an integer range (with
 * `.multipleOf(s)` as its step), `z.number().min(a).max(b)` a number range, `z.enum([...])` and `z.literal` a
 * choice, `z.boolean()` `choice([false, true])`. Exclusive bounds (`.positive()`, `.gt`) move inward: to the next
 * integer, or by a relative 1e-9 for numbers. Anything else (an unbounded number, a string) needs `ranges`.
 *
 * @example
 * const space = searchSpaceFromStrategy(smaCross, { include: ["fast", "slow"], ranges: { slow: integerRange(20, 200, { step: 5 }) } });
 * @throws InvalidArgumentError naming the parameter (component `<strategy name> search space`).
 */
export function searchSpaceFromStrategy(
  strategy: ParameterisedStrategy,
  options: StrategySpaceOptions = {},
): SearchSpace {
  const component = `${strategy?.name ?? "strategy"} search space`;
  const shape = (strategy?.params as { shape?: Record<string, ZodInternals> } | undefined)?.shape;
  if (shape === null || typeof shape !== "object") {
    throw new InvalidArgumentError(
      component,
      "params",
      strategy?.params,
      "a zod object schema, z.object({...})",
    );
  }
  const known = Object.keys(shape);
  const ranges = options.ranges ?? {};
  for (const [field, names] of [
    ["include", options.include ?? []],
    ["ranges", Object.keys(ranges)],
  ] as const) {
    for (const name of names) {
      if (!known.includes(name)) {
        throw new InvalidArgumentError(
          component,
          `${field}.${name}`,
          name,
          `a parameter (${known.join(", ")})`,
        );
      }
    }
  }
  const space: Record<string, ParamSpec> = {};
  for (const name of options.include ?? known) {
    space[name] = ranges[name] ?? specFromSchema(component, name, shape[name]!);
  }
  if (Object.keys(space).length === 0) {
    throw new InvalidArgumentError(component, "include", options.include, "at least one parameter");
  }
  return Object.freeze(space);
}

function specFromSchema(component: string, name: string, schema: ZodInternals): ParamSpec {
  let inner = schema;
  while (WRAPPERS.has(inner._zod.def.type) && inner._zod.def.innerType !== undefined) {
    inner = inner._zod.def.innerType;
  }
  const def = inner._zod.def;
  switch (def.type) {
    case "boolean":
      return choice([false, true]);
    case "enum":
      return choice(Object.values(def.entries ?? {}));
    case "literal":
      return choice((def.values ?? []) as ChoiceValue[]);
    case "number":
      return numberSpec(component, name, inner);
    default:
      throw new InvalidArgumentError(
        component,
        name,
        `a z.${def.type}() schema`,
        "a bounded number, an enum or a boolean, or an explicit spec in ranges",
      );
  }
}

function numberSpec(component: string, name: string, schema: ZodInternals): ParamSpec {
  const isInteger = schema.isInt === true || (schema.format ?? "").includes("int");
  let low = Number.NEGATIVE_INFINITY;
  let high = Number.POSITIVE_INFINITY;
  let lowExclusive = false;
  let highExclusive = false;
  let step: number | undefined;
  for (const check of schema._zod.def.checks ?? []) {
    const { check: kind, value, inclusive } = check._zod.def;
    if (value === undefined) continue;
    if (kind === "greater_than" && value >= low) {
      lowExclusive = inclusive === false || (value === low && lowExclusive);
      low = value;
    } else if (kind === "less_than" && value <= high) {
      highExclusive = inclusive === false || (value === high && highExclusive);
      high = value;
    } else if (kind === "multiple_of") {
      step = value;
    }
  }
  if (!Number.isFinite(low) || !Number.isFinite(high)) {
    throw new InvalidArgumentError(
      component,
      name,
      `a number range ${low} .. ${high}`,
      `.min() and .max() on the schema, or an explicit range: ranges: { ${name}: ${isInteger ? "integerRange" : "numberRange"}(low, high) }`,
    );
  }
  if (isInteger) {
    const first = lowExclusive ? Math.floor(low) + 1 : Math.ceil(low);
    const last = highExclusive ? Math.ceil(high) - 1 : Math.floor(high);
    const integerStep = step !== undefined && Number.isInteger(step) && step > 1 ? step : 1;
    const aligned = Math.ceil(first / integerStep) * integerStep;
    return integerRange(aligned, last, { step: integerStep });
  }
  // Sampling a continuous range hits an exact bound with probability ~0, but a stepped grid starts on one.
  const inset = (high - low) * 1e-9;
  return numberRange(
    lowExclusive ? low + inset : low,
    highExclusive ? high - inset : high,
    step === undefined ? {} : { step },
  );
}
