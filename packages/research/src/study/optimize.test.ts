import { InvalidArgumentError } from "@candlewick/core";
import { describe, expect, it } from "vitest";
import { randomSampler } from "../samplers/random-sampler.js";
import { choice, integerRange, numberRange } from "../space/param-spec.js";
import { defineSearchSpace } from "../space/search-space.js";
import { tpeSampler } from "../tpe/tpe-sampler.js";
import { atLeast } from "./constraint.js";
import { memoryStudyStorage } from "./memory-study-storage.js";
import { optimize } from "./optimize.js";

const space = defineSearchSpace({
  x: numberRange(-3, 3),
  n: integerRange(1, 1000, { log: true }),
  mode: choice(["up", "down"]),
});
const objective = ({ x, n, mode }: { x: number; n: number; mode: string }) =>
  -((x - 1) ** 2) - Math.abs(Math.log(n) - 3) + (mode === "up" ? 1 : 0);

describe("optimize", () => {
  it("is deterministic for a seed and differs between seeds", async () => {
    const run = (seed: number) => optimize({ space, objective, trials: 25, seed, sampler: tpeSampler() });
    const [first, again, other] = await Promise.all([run(4), run(4), run(5)]);
    expect(again.trials).toEqual(first.trials);
    expect(other.trials.map((t) => t.params)).not.toEqual(first.trials.map((t) => t.params));
    for (const trial of first.trials) {
      expect(Number.isInteger(trial.params.n)).toBe(true);
      expect(trial.params.n).toBeGreaterThanOrEqual(1);
      expect(trial.params.n).toBeLessThanOrEqual(1000);
    }
  });

  it("resumes a stopped study: finished trials are not re-run and the rest match an uninterrupted run", async () => {
    const uninterrupted = await optimize({ space, objective, trials: 30, seed: 9 });
    const storage = memoryStudyStorage();
    let calls = 0;
    const stopAt12 = async (params: Parameters<typeof objective>[0], trial: { number: number }) => {
      if (trial.number === 12) throw new Error("stopped by the test");
      calls++;
      return objective(params);
    };
    await expect(optimize({ space, objective: stopAt12, trials: 30, seed: 9, storage })).rejects.toThrow(
      "stopped by the test",
    );
    expect(storage.records).toHaveLength(12);
    const counted = (params: Parameters<typeof objective>[0]) => {
      calls++;
      return objective(params);
    };
    calls = 0;
    const resumed = await optimize({ space, objective: counted, trials: 30, seed: 9, storage });
    expect(calls).toBe(18);
    expect(resumed.resumedTrials).toBe(12);
    expect(resumed.ranTrials).toBe(18);
    // TPE models from trial 10 on, so trials 12..29 depend on the replayed history.
    expect(resumed.trials).toEqual(uninterrupted.trials);
    expect(resumed.best).toEqual(uninterrupted.best);
  });

  it("records infeasible trials and never picks one as best", async () => {
    const study = await optimize({
      space: defineSearchSpace({ k: integerRange(0, 9) }),
      sampler: randomSampler(),
      trials: 40,
      seed: 2,
      constraints: [atLeast("tradeCount", 5)],
      // The best values come with too few trades.
      objective: ({ k }) => ({ value: k, metrics: { tradeCount: 9 - k } }),
    });
    const infeasible = study.trials.filter((trial) => trial.state === "infeasible");
    expect(infeasible.length).toBeGreaterThan(0);
    for (const trial of infeasible) {
      expect(trial.params.k).toBeGreaterThan(4);
      expect(trial.constraints).toEqual([
        {
          name: "tradeCount >= 5",
          value: 9 - (trial.params.k as number),
          violation: 5 - (9 - (trial.params.k as number)),
        },
      ]);
    }
    expect(study.best?.params.k).toBe(4);
    expect(study.best?.state).toBe("complete");
  });

  it("rejects a non-finite value and a missing constraint metric, naming the trial", async () => {
    const small = defineSearchSpace({ k: integerRange(0, 3) });
    await expect(optimize({ space: small, trials: 3, seed: 1, objective: () => Number.NaN })).rejects.toThrow(
      '"trial 0 value" is NaN; expected a finite number',
    );
    await expect(
      optimize({ space: small, trials: 3, seed: 1, constraints: [atLeast("trades", 1)], objective: () => 1 }),
    ).rejects.toThrow(
      '"trial 0 metrics.trades" is missing; expected a finite number (constraint "trades >= 1" reads it)',
    );
  });

  it("refuses to resume a log of another study", async () => {
    const storage = memoryStudyStorage();
    await optimize({ space, objective, trials: 3, seed: 1, storage });
    const error = await optimize({ space, objective, trials: 3, seed: 2, storage }).catch((caught) => caught);
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect(String(error.message)).toContain('"seed":1');
  });
});
