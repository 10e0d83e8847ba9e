import { describe, expect, it } from "vitest";
import { randomSampler } from "../samplers/random-sampler.js";
import type { Sampler } from "../samplers/sampler.js";
import { choice, integerRange, numberRange } from "../space/param-spec.js";
import { defineSearchSpace, type SearchSpace } from "../space/search-space.js";
import { optimize } from "../study/optimize.js";
import { tpeSampler } from "./tpe-sampler.js";

const SEEDS = Array.from({ length: 15 }, (_, index) => index + 1);

/** Best value after `trials` trials, per seed. */
async function bestPerSeed<Space extends SearchSpace>(
  space: Space,
  objective: (params: Record<string, unknown>) => number,
  makeSampler: () => Sampler,
  trials: number,
): Promise<number[]> {
  const bests: number[] = [];
  for (const seed of SEEDS) {
    const study = await optimize({
      space,
      objective: objective as never,
      sampler: makeSampler(),
      trials,
      seed,
      direction: "minimize",
    });
    bests.push(study.best!.value);
  }
  return bests;
}

const median = (values: readonly number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

describe("TPE against random search (15 seeds each)", () => {
  it("gets closer to a shifted quadratic's minimum in 100 trials", async () => {
    const space = defineSearchSpace({ x: numberRange(-5, 5), y: numberRange(-5, 5) });
    const quadratic = ({ x, y }: Record<string, unknown>) =>
      ((x as number) - 1.3) ** 2 + ((y as number) + 0.7) ** 2;
    const tpe = await bestPerSeed(space, quadratic, () => tpeSampler(), 100);
    const random = await bestPerSeed(space, quadratic, randomSampler, 100);
    // Random search's best of 100 uniform points lands within r of the optimum with P = 1 - (1 - πr²/100)^100:
    // its median best is about 0.22. TPE's median must be at least 4x lower, and TPE must win on at least 12 of
    // the 15 seeds (for two samplers of equal skill that happens with probability 0.018).
    expect(median(tpe) * 4).toBeLessThan(median(random));
    expect(SEEDS.filter((_, index) => tpe[index]! < random[index]!).length).toBeGreaterThanOrEqual(12);
  });

  it("finds the bottom of a discrete bowl with a categorical penalty in 80 trials", async () => {
    const space = defineSearchSpace({
      a: integerRange(0, 100),
      b: integerRange(0, 50),
      mode: choice(["p", "q", "r", "s"]),
    });
    // Minimum 0 at a = 37, b = 12, mode "r"; any other mode costs 30.
    const bowl = ({ a, b, mode }: Record<string, unknown>) =>
      ((a as number) - 37) ** 2 + ((b as number) - 12) ** 2 + (mode === "r" ? 0 : 30);
    const tpe = await bestPerSeed(space, bowl, () => tpeSampler(), 80);
    const random = await bestPerSeed(space, bowl, randomSampler, 80);
    // Of the 20,604 combinations, 29 score below 10 (mode "r" and (a - 37)² + (b - 12)² < 10): random search
    // reaches one in 80 trials with P = 1 - (1 - 29/20,604)^80 = 0.11, so its median is far above 10.
    expect(median(tpe)).toBeLessThan(10);
    expect(median(random)).toBeGreaterThan(20);
    expect(SEEDS.filter((_, index) => tpe[index]! < random[index]!).length).toBeGreaterThanOrEqual(12);
  });
});
