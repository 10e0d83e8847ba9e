import { z } from "zod";
import type { Sizing } from "../spec/sizing.js";

const SIZING_KINDS =
  '{ kind: "fixed-cost", cost }, { kind: "equity-fraction", fraction } or { kind: "risk", fraction }';

const RISK_FRACTION = "a fraction of equity in (0, 1], e.g. 0.01 to lose 1% at the stop";
/** A stop loss that loses more than the whole equity makes no sense; `2` meant as "2%" is caught here. */
const riskFraction = z
  .number(RISK_FRACTION)
  .finite(RISK_FRACTION)
  .positive(RISK_FRACTION)
  .max(1, RISK_FRACTION);

const EQUITY_FRACTION =
  "a fraction of equity in (0, 100], e.g. 0.25 for a quarter (above 1 needs allowMargin)";
/** Above 1 is leverage: it passes the cash check only with `allowMargin`. */
const equityFraction = z
  .number(EQUITY_FRACTION)
  .finite(EQUITY_FRACTION)
  .positive(EQUITY_FRACTION)
  .max(100, EQUITY_FRACTION);

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
    z.strictObject({ kind: z.literal("equity-fraction"), fraction: equityFraction }),
    z.strictObject({ kind: z.literal("risk"), fraction: riskFraction }),
  ],
  { error: SIZING_KINDS },
);
