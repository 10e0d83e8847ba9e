import { InvalidArgumentError } from "@candlewick/core";
import type { ChoiceParam, ChoiceValue, IntegerParam, NumberParam, ParamSpec } from "./param-spec.js";

/** Parameter name to how it is sampled. Keys keep their order: samplers draw parameters in that order. */
export type SearchSpace = Readonly<Record<string, ParamSpec>>;

/** The value type of one parameter spec. */
export type ParamValue<Spec extends ParamSpec> = Spec extends IntegerParam | NumberParam
  ? number
  : Spec extends ChoiceParam<infer Value>
    ? Value
    : never;

/** One parameter set of a space, e.g. `{ fast: 12, slow: 45, mode: "a" }`. */
export type ParamsOf<Space extends SearchSpace> = { readonly [Key in keyof Space]: ParamValue<Space[Key]> };

/** A parameter set of any space, as stored in a study log. */
export type ParamValues = Readonly<Record<string, number | ChoiceValue>>;

/**
 * Checks an explicit search space (at least one parameter, each built by `integerRange`, `numberRange` or
 * `choice`) and returns it frozen.
 * @example defineSearchSpace({ fast: integerRange(5, 50), slow: integerRange(20, 200, { step: 5 }) })
 * @throws InvalidArgumentError naming the parameter that is not a spec.
 */
export function defineSearchSpace<const Space extends SearchSpace>(space: Space): Space {
  const component = "defineSearchSpace";
  if (space === null || typeof space !== "object" || Array.isArray(space)) {
    throw new InvalidArgumentError(component, "(space)", space, "an object of parameter specs");
  }
  const names = Object.keys(space);
  if (names.length === 0) {
    throw new InvalidArgumentError(component, "(space)", space, "at least one parameter");
  }
  for (const name of names) {
    const spec = space[name] as ParamSpec | undefined;
    const kind = spec !== null && typeof spec === "object" ? spec.kind : undefined;
    if (kind !== "integer" && kind !== "number" && kind !== "choice") {
      throw new InvalidArgumentError(
        component,
        name,
        spec,
        "a spec made by integerRange(low, high), numberRange(low, high) or choice([...])",
      );
    }
  }
  return Object.freeze({ ...space });
}
