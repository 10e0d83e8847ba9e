import { sampleSpaceUniformly } from "./sample-uniformly.js";
import type { Sampler } from "./sampler.js";

/**
 * Seeded random search: every trial draws each parameter uniformly (log-uniformly on log ranges), independently
 * of the history. The baseline TPE is measured against.
 */
export function randomSampler(): Sampler {
  return {
    name: "random",
    settings: {},
    sample: ({ space, random }) => sampleSpaceUniformly(space, random),
  };
}
