// Child process of optimize.kill.test.ts, bundled by that test: runs (or resumes) a TPE study on a JSON-lines log
// and prints each finished trial's number once it is stored, until the study ends or the process is killed.
import { choice, integerRange, numberRange } from "../../space/param-spec.js";
import { defineSearchSpace } from "../../space/search-space.js";
import { tpeSampler } from "../../tpe/tpe-sampler.js";
import { jsonLinesStudyStorage } from "../json-lines-study-storage.js";
import { optimize } from "../optimize.js";

export const killableSpace = defineSearchSpace({
  x: numberRange(-2, 2),
  k: integerRange(0, 40),
  mode: choice(["a", "b", "c"]),
});

/** A pure objective, so a re-run trial scores what it would have scored. */
export function killableObjective({ x, k, mode }: { x: number; k: number; mode: string }): number {
  return -((x - 0.5) ** 2) - ((k - 17) / 10) ** 2 + (mode === "b" ? 0.3 : 0);
}

export const KILLABLE_TRIALS = 40;
export const KILLABLE_SEED = 2026;

async function main(path: string): Promise<void> {
  await optimize({
    space: killableSpace,
    trials: KILLABLE_TRIALS,
    seed: KILLABLE_SEED,
    sampler: tpeSampler(),
    storage: jsonLinesStudyStorage(path),
    objective: async (params) => {
      // Work that takes time, like a backtest: the kill lands mid-trial as often as between trials.
      await new Promise((resolve) => setTimeout(resolve, 8));
      return killableObjective(params);
    },
    // Pipes are synchronous on Linux: a printed number has reached the parent even if we die right after.
    onTrial: (record) => process.stdout.write(`${record.number}\n`),
  });
  process.stdout.write("done\n");
}

// Runs only as the spawned child; the test imports the space and the objective from here too.
const path = process.env.CANDLEWICK_STUDY_LOG;
if (path !== undefined) {
  main(path).catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
