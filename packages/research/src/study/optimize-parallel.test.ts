import { describe, expect, it } from "vitest";
import type { Sampler } from "../samplers/sampler.js";
import { integerRange, numberRange } from "../space/param-spec.js";
import { defineSearchSpace } from "../space/search-space.js";
import { tpeSampler } from "../tpe/tpe-sampler.js";
import { memoryStudyStorage } from "./memory-study-storage.js";
import { optimize } from "./optimize.js";

const space = defineSearchSpace({ x: numberRange(-4, 4), n: integerRange(1, 60) });
const score = ({ x, n }: { x: number; n: number }) => -((x - 1.5) ** 2) - ((n - 17) / 10) ** 2;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** TPE, noting which trial numbers each proposal was shown. */
function watchedTpe(seen: Map<number, number[]>): Sampler {
  const inner = tpeSampler({ startupTrials: 4 });
  return {
    name: inner.name,
    settings: inner.settings,
    sample(request) {
      seen.set(
        request.number,
        request.history.map((trial) => trial.number),
      );
      return inner.sample(request);
    },
  };
}

describe("optimize with parallelism", () => {
  it("shows trial n of batch b exactly the trials of batches < b, and runs k at once", async () => {
    const seen = new Map<number, number[]>();
    let inFlight = 0;
    let peak = 0;
    await optimize({
      space,
      sampler: watchedTpe(seen),
      trials: 10,
      seed: 3,
      parallelism: 4,
      objective: async (params, { number }) => {
        inFlight++;
        peak = Math.max(peak, inFlight);
        await sleep(((number * 7) % 5) * 3); // later trials of a batch often finish first
        inFlight--;
        return score(params);
      },
    });
    expect(peak).toBe(4);
    // batches {0..3}, {4..7}, {8, 9}
    for (const n of [0, 1, 2, 3]) expect(seen.get(n)).toEqual([]);
    for (const n of [4, 5, 6, 7]) expect(seen.get(n)).toEqual([0, 1, 2, 3]);
    for (const n of [8, 9]) expect(seen.get(n)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });

  it("gives the same study whatever the runner's timing, and a different one from other batch sizes", async () => {
    const run = (parallelism: number, delay: (n: number) => number) =>
      optimize({
        space,
        sampler: tpeSampler({ startupTrials: 5 }),
        trials: 40,
        seed: 11,
        parallelism,
        objective: async (params, { number }) => {
          await sleep(delay(number));
          return score(params);
        },
      });
    const fastFirst = await run(3, (n) => (n % 3) * 4);
    const slowFirst = await run(3, (n) => (2 - (n % 3)) * 4);
    const instant = await run(3, () => 0);
    expect(slowFirst.trials).toEqual(fastFirst.trials);
    expect(instant.trials).toEqual(fastFirst.trials);
    expect(fastFirst.trials.map((t) => t.number)).toEqual([...Array(40).keys()]);
    // Trial 6 of the sequential study sees trial 5; with batches of 3 it does not: the proposals differ.
    const sequential = await run(1, () => 0);
    expect(sequential.trials.map((t) => t.params)).not.toEqual(fastFirst.trials.map((t) => t.params));
    // The random start-up trials (0..4) do not depend on the history, so they agree.
    expect(sequential.trials.slice(0, 5)).toEqual(fastFirst.trials.slice(0, 5));
  });

  it("resumes after a failure mid-batch to the study an uninterrupted run gives", async () => {
    // The same study each time, with a sampler of its own (a sampler may keep state between proposals).
    const study = () => ({
      space,
      trials: 24,
      seed: 5,
      parallelism: 4,
      sampler: tpeSampler({ startupTrials: 4 }),
    });
    const uninterrupted = await optimize({ ...study(), objective: score });
    const storage = memoryStudyStorage();
    await expect(
      optimize({
        ...study(),
        storage,
        objective: (params, { number }) => {
          if (number === 14) throw new Error("worker lost");
          return score(params);
        },
      }),
    ).rejects.toThrow("worker lost");
    // batches 0..3 of 12 trials stored, then 12 and 13 of batch {12..15} (in trial order, up to the failure)
    expect(storage.records.map((r) => r.number)).toEqual([...Array(14).keys()]);
    const resumed = await optimize({ ...study(), objective: score, storage });
    expect(resumed.ranTrials).toBe(10);
    expect(resumed.trials).toEqual(uninterrupted.trials);
  });

  it("refuses a parallelism that is not a positive integer", async () => {
    await expect(optimize({ space, objective: score, trials: 3, seed: 1, parallelism: 0 })).rejects.toThrow(
      /parallelism/,
    );
  });
});
