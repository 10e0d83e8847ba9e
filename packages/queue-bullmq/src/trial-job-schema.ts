import { z } from "zod";

const finite = z.number().refine(Number.isFinite, "a finite number");

/**
 * A `TrialJob` as it arrives from Redis: checked before the runner sees it, since the producer may be another
 * machine running another version. Mirrors `TrialJob` of `@candlewick/research`; extra fields are kept, at
 * every level (a stripped `objective.unavailable` once failed trials that score null statistics).
 */
export const trialJobSchema = z.looseObject({
  studyId: z.string().min(1),
  trialNumber: z.number().int().min(0),
  strategyModule: z.string().min(1),
  exportName: z.string().min(1).optional(),
  params: z.record(z.string(), z.unknown()),
  symbols: z.array(z.string().min(1)).min(1),
  candles: z.object({ kind: z.literal("csv"), dir: z.string().min(1) }),
  frame: z.object({ interval: z.string().min(1), startMs: finite, endMs: finite }),
  objective: z.looseObject({
    statistic: z.string().min(1),
    aggregate: z.enum(["mean", "sum", "min", "median"]),
    unavailable: finite.optional(),
  }),
  metrics: z.array(z.string()),
});

/** A runner's result: NaN and infinities are allowed (a Sharpe ratio of no trades) and survive the trip. */
const anyNumber = z.custom<number>((value) => typeof value === "number", "a number");
export const trialJobResultSchema = z.strictObject({
  value: anyNumber,
  metrics: z.record(z.string(), anyNumber),
});
