import { describe, expect, it } from "vitest";
import { smaCrossJob } from "./test-support/trial-jobs.js";
import { trialJobSchema } from "./trial-job-schema.js";

describe("trialJobSchema", () => {
  it("keeps every field of a TrialJob, objective.unavailable and unknown ones included", () => {
    const job = {
      ...smaCrossJob("s", 3, { fast: 5 }),
      objective: { statistic: "totalPnl", aggregate: "mean" as const, unavailable: -1e9, note: "x" },
    };
    expect(trialJobSchema.parse(job)).toEqual(job);
  });

  it("refuses a non-finite objective.unavailable", () => {
    const job = smaCrossJob("s", 3, {});
    const bad = { ...job, objective: { ...job.objective, unavailable: Number.NaN } };
    expect(trialJobSchema.safeParse(bad).success).toBe(false);
  });
});
