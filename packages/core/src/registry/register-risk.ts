import { z } from "zod";
import type { EngineState } from "../engine/engine-state.js";
import { ACCOUNT_RISK_NAME } from "../risk/account-risk-name.js";
import type { RiskSchema } from "../spec/risk.js";
import { parseWithSchema } from "../validation/parse-with-schema.js";
import { nameField } from "./schema-fields.js";

const positiveInteger = z
  .number("a positive integer")
  .int("a positive integer")
  .positive("a positive integer");
const positiveAmount = z
  .number("a positive finite amount of quote currency")
  .finite("a positive finite amount of quote currency")
  .positive("a positive finite amount of quote currency");

const VALIDATION = "a function, or an object { name?: non-empty string, validate: function }";

/** A custom validation: a function, or `{ name?, validate }`. */
const validationField = z.custom((value) => {
  if (typeof value === "function") return true;
  if (typeof value !== "object" || value === null) return false;
  const { name, validate } = value as { name?: unknown; validate?: unknown };
  return (
    typeof validate === "function" && (name === undefined || (typeof name === "string" && name.length > 0))
  );
}, VALIDATION);

/**
 * Strict, unlike the other `add*` schemas: a misspelt limit (`maxExposur`) would otherwise be ignored, and a
 * limit that silently does not apply is worse than an error.
 */
const riskSchema = z.strictObject({
  // The engine's own cash refusals are published under this name: a user's risk with it would mix into them.
  riskName: nameField.refine(
    (name) => name !== ACCOUNT_RISK_NAME,
    `a name other than "${ACCOUNT_RISK_NAME}", which the engine's own cash checks are reported under`,
  ),
  maxConcurrentPositions: positiveInteger.optional(),
  maxPositionsPerSymbol: positiveInteger.optional(),
  maxExposure: positiveAmount.optional(),
  maxDailyLoss: positiveAmount.optional(),
  validations: z.array(validationField, "an array of validations").optional(),
  note: z.string().optional(),
});

/**
 * Registers a risk: built-in limits and custom validations that strategies naming it (`riskName`, `riskList`)
 * are checked against before each new entry and DCA add. The schema is copied and frozen (its validation
 * objects are kept as given).
 * @throws InvalidArgumentError naming the bad field, an unknown (misspelt) one, the reserved name `"account"`
 *   (the engine reports its own cash refusals under it), or when the name is taken.
 */
export function registerRisk(engine: EngineState, schema: RiskSchema): void {
  parseWithSchema("addRisk", riskSchema, schema);
  const frozen: RiskSchema = Object.freeze({
    ...schema,
    ...(schema.validations === undefined ? {} : { validations: Object.freeze([...schema.validations]) }),
  });
  engine.risks.add("addRisk", schema.riskName, frozen);
}
