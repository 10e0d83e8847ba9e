import type { RandomSource } from "../random/random-source.js";
import { fromDomain, numericDomain } from "../space/numeric-domain.js";
import type { ChoiceValue, ParamSpec } from "../space/param-spec.js";
import type { ParamValues, SearchSpace } from "../space/search-space.js";

/** One value of `spec`, uniform over its domain (log-uniform for log ranges, every grid point equally likely). */
export function sampleParamUniformly(spec: ParamSpec, random: RandomSource): number | ChoiceValue {
  if (spec.kind === "choice") return spec.values[random.integer(0, spec.values.length - 1)]!;
  const domain = numericDomain(spec);
  if (domain.step !== undefined) {
    const last = Math.round((domain.high - domain.low) / domain.step);
    return fromDomain(spec, domain.low + random.integer(0, last) * domain.step);
  }
  return fromDomain(spec, domain.low + random.next() * (domain.high - domain.low));
}

/** A parameter set with every parameter drawn uniformly, in the space's key order. */
export function sampleSpaceUniformly(space: SearchSpace, random: RandomSource): ParamValues {
  const params: Record<string, number | ChoiceValue> = {};
  for (const [name, spec] of Object.entries(space)) params[name] = sampleParamUniformly(spec, random);
  return params;
}
