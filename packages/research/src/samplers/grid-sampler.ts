import { InvalidArgumentError } from "@candlewick/core";
import { type ChoiceValue, gridPoints, type ParamSpec } from "../space/param-spec.js";
import type { SearchSpace } from "../space/search-space.js";
import type { Sampler } from "./sampler.js";

/** Options of {@link gridSampler}. */
export interface GridSamplerOptions {
  /** The largest product of grid sizes accepted (default 100,000): a typo in a step should not plan a year of work. */
  readonly maxCombinations?: number;
}

/**
 * Exhaustive search over the product of every parameter's grid, in order (the last parameter varies fastest).
 * Trial `n` runs combination `n`; after the last combination the study ends. Needs a finite grid: integer ranges,
 * choices and number ranges with a `step`.
 * @throws InvalidArgumentError (when the study starts) for a continuous or log number range, or a product above
 * `maxCombinations`.
 */
export function gridSampler(options: GridSamplerOptions = {}): Sampler {
  const maxCombinations = options.maxCombinations ?? 100_000;
  if (!Number.isSafeInteger(maxCombinations) || maxCombinations < 1) {
    throw new InvalidArgumentError("gridSampler", "maxCombinations", maxCombinations, "an integer >= 1");
  }
  let axes: [string, readonly (number | ChoiceValue)[]][] | undefined;
  let forSpace: SearchSpace | undefined;
  const prepare = (space: SearchSpace) => {
    if (forSpace === space) return;
    axes = Object.entries(space).map(([name, spec]) => [name, gridAxis(name, spec)]);
    const size = axes.reduce((product, [, values]) => product * values.length, 1);
    if (size > maxCombinations) {
      const sizes = axes.map(([name, values]) => `${name}: ${values.length}`).join(", ");
      throw new InvalidArgumentError(
        "gridSampler",
        "space",
        `${size} combinations (${sizes})`,
        `at most maxCombinations = ${maxCombinations}; coarsen a step or raise maxCombinations`,
      );
    }
    forSpace = space;
  };
  return {
    name: "grid",
    settings: { maxCombinations },
    prepare,
    sample({ space, number }) {
      prepare(space);
      let rest = number;
      const params: Record<string, number | ChoiceValue> = {};
      for (let axis = axes!.length - 1; axis >= 0; axis--) {
        const [name, values] = axes![axis]!;
        params[name] = values[rest % values.length]!;
        rest = Math.floor(rest / values.length);
      }
      if (rest > 0) return undefined;
      // Rebuild in the space's key order (the loop above filled it backwards).
      return Object.fromEntries(axes!.map(([name]) => [name, params[name]!]));
    },
  };
}

/** Every value a grid visits for one parameter. */
export function gridAxis(name: string, spec: ParamSpec): readonly (number | ChoiceValue)[] {
  if (spec.kind === "choice") return spec.values;
  if (spec.kind === "integer") {
    const points = gridPoints(spec.log ? { ...spec, log: false } : spec);
    return points!;
  }
  const points = gridPoints(spec);
  if (points === undefined) {
    throw new InvalidArgumentError(
      "gridSampler",
      name,
      spec.log ? "a log number range" : "a continuous number range",
      "a range with a step for a grid: numberRange(low, high, { step })",
    );
  }
  return points;
}

/** How many combinations the grid of `space` has. */
export function gridSize(space: SearchSpace): number {
  return Object.entries(space).reduce((product, [name, spec]) => product * gridAxis(name, spec).length, 1);
}
