import { describeValue } from "../errors/describe-value.js";
import type { RiskContext, RiskSchema } from "../spec/risk.js";
import type { RiskCheckFailure } from "./risk-check-failure.js";

/**
 * The custom validations of one risk, in order; the first that rejects gives the failure, null when all allow.
 * A validation allows by returning nothing (`undefined` or `null`). It rejects by returning a reason string or an
 * Error, or by throwing (the reason is the error's message, or the thrown string). Anything else it returns
 * (`true`, `false`, a number, a promise) also rejects, with a reason saying what came back: a risk check that
 * cannot be read fails closed. Validations are synchronous because the decision cannot wait; a returned promise
 * is rejected and its eventual failure is swallowed (it would otherwise be an unhandled rejection).
 * `rule` is the validation's `name`, or `validations[i]` for an unnamed one.
 */
export function runRiskValidations(risk: RiskSchema, context: RiskContext): RiskCheckFailure | null {
  const validations = risk.validations ?? [];
  for (let index = 0; index < validations.length; index++) {
    const validation = validations[index]!;
    const validate = typeof validation === "function" ? validation : validation.validate;
    const name = typeof validation === "function" ? undefined : validation.name;
    const reason = reasonOf(() => validate(context));
    if (reason !== null) {
      return { riskName: risk.riskName, rule: name ?? `validations[${index}]`, reason };
    }
  }
  return null;
}

/** The rejection reason of one call, or null when it allowed. */
function reasonOf(call: () => unknown): string | null {
  let returned: unknown;
  try {
    returned = call();
  } catch (error) {
    return thrownReason(error);
  }
  if (returned === undefined || returned === null) return null;
  if (typeof returned === "string") return returned.length > 0 ? returned : "rejected without a reason";
  if (returned instanceof Error) return errorReason(returned);
  if (isThenable(returned)) {
    Promise.resolve(returned).catch(() => {});
    return "returned a promise; a validation is synchronous: return nothing to allow, or a reason string to reject";
  }
  return `returned ${describeValue(returned)}; a validation returns nothing to allow, or a reason string to reject`;
}

function thrownReason(error: unknown): string {
  if (error instanceof Error) return errorReason(error);
  if (typeof error === "string" && error.length > 0) return error;
  return `threw ${describeValue(error)}`;
}

function errorReason(error: Error): string {
  return error.message.length > 0 ? error.message : `${error.name} without a message`;
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    (typeof value === "object" || typeof value === "function") &&
    value !== null &&
    typeof (value as { then?: unknown }).then === "function"
  );
}
