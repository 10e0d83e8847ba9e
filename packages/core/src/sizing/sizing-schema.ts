import { z } from "zod";
import type { Sizing } from "../spec/sizing.js";

const SIZING_KINDS =
  '{ kind: "fixed-cost", cost }, { kind: "equity-fraction", fraction } or { kind: "risk", fraction }';

/** A fraction of equity: greater than 0 and at most 1, so that `2` meant as "2%" is caught rather than obeyed. */
const fraction = z
  .number("a fraction in (0, 1], e.g. 0.02 for 2%")
  .finite("a fraction in (0, 1], e.g. 0.02 for 2%")
  .positive("a fraction in (0, 1], e.g. 0.02 for 2%")
  .max(1, "a fraction in (0, 1], e.g. 0.02 for 2%");

/**
 * zod schema of a {@link Sizing}: the one definition behind the config's `sizing` and a strategy's `sizing`.
 * Strict, so a misspelt field (`{ kind: "fixed-cost", amount: 50 }`) is an error instead of a silent default.
 */
export const sizingSchema: z.ZodType<Sizing> = z.discriminatedUnion(
  "kind",
  [
    z.strictObject({
      kind: z.literal("fixed-cost"),
      cost: z
        .number("a positive finite amount of quote currency")
        .finite("a positive finite amount of quote currency")
        .positive("a positive finite amount of quote currency"),
    }),
    z.strictObject({ kind: z.literal("equity-fraction"), fraction }),
    z.strictObject({ kind: z.literal("risk"), fraction }),
  ],
  { error: SIZING_KINDS },
);
