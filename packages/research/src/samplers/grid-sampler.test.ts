import { describe, expect, it } from "vitest";
import { choice, integerRange, numberRange } from "../space/param-spec.js";
import { defineSearchSpace } from "../space/search-space.js";
import { optimize } from "../study/optimize.js";
import { gridSampler, gridSize } from "./grid-sampler.js";

describe("gridSampler", () => {
  const space = defineSearchSpace({
    fast: integerRange(5, 15, { step: 5 }),
    mode: choice(["a", "b"]),
    width: numberRange(0.5, 1, { step: 0.25 }),
  });

  it("runs every combination once, the last parameter fastest, then ends the study", async () => {
    expect(gridSize(space)).toBe(3 * 2 * 3);
    const seen: string[] = [];
    const study = await optimize({
      space,
      sampler: gridSampler(),
      trials: 100,
      seed: 1,
      objective: ({ fast, mode, width }) => {
        seen.push(`${fast}${mode}${width}`);
        return fast * width;
      },
    });
    expect(study.trials).toHaveLength(18);
    expect(seen.slice(0, 4)).toEqual(["5a0.5", "5a0.75", "5a1", "5b0.5"]);
    expect(new Set(seen).size).toBe(18);
    expect(study.best?.params).toEqual({ fast: 15, mode: "a", width: 1 });
  });

  it("refuses a grid larger than maxCombinations, with the sizes", async () => {
    await expect(
      optimize({
        space,
        sampler: gridSampler({ maxCombinations: 10 }),
        trials: 5,
        seed: 1,
        objective: () => 0,
      }),
    ).rejects.toThrow(
      '"space" is "18 combinations (fast: 3, mode: 2, width: 3)"; expected at most maxCombinations = 10',
    );
  });

  it("names a continuous parameter, which has no grid", async () => {
    const continuous = defineSearchSpace({ fast: integerRange(1, 3), width: numberRange(0, 1) });
    await expect(
      optimize({ space: continuous, sampler: gridSampler(), trials: 5, seed: 1, objective: () => 0 }),
    ).rejects.toThrow('"width" is "a continuous number range"; expected a range with a step');
  });
});
