import { InvalidArgumentError } from "@candlewick/core";
import type { ConstraintOutcome } from "./trial-record.js";

/** A bound on one metric the objective reports: a trial outside it is infeasible. */
export interface Constraint {
  /** Shown in records and reports, e.g. `"tradeCount >= 30"`. */
  readonly name: string;
  /** The key in the objective's `metrics`. */
  readonly metric: string;
  readonly min?: number;
  readonly max?: number;
}

/** `metric >= min`, e.g. `atLeast("tradeCount", 30)`. */
export function atLeast(metric: string, min: number): Constraint {
  return checkConstraint({ name: `${metric} >= ${min}`, metric, min });
}

/** `metric <= max`, e.g. `atMost("maxDrawdownPct", 20)`. */
export function atMost(metric: string, max: number): Constraint {
  return checkConstraint({ name: `${metric} <= ${max}`, metric, max });
}

/**
 * Checks a constraint's shape (a metric name and at least one finite bound).
 * @throws InvalidArgumentError naming the bad field.
 */
export function checkConstraint(constraint: Constraint): Constraint {
  const component = "research constraint";
  if (constraint === null || typeof constraint !== "object") {
    throw new InvalidArgumentError(
      component,
      "(constraint)",
      constraint,
      "an object { name, metric, min?, max? }",
    );
  }
  const { name, metric, min, max } = constraint;
  if (typeof name !== "string" || name.length === 0) {
    throw new InvalidArgumentError(component, "name", name, "a non-empty string");
  }
  if (typeof metric !== "string" || metric.length === 0) {
    throw new InvalidArgumentError(component, `${name}.metric`, metric, "a non-empty string");
  }
  for (const [field, value] of [
    ["min", min],
    ["max", max],
  ] as const) {
    if (value !== undefined && !Number.isFinite(value)) {
      throw new InvalidArgumentError(component, `${name}.${field}`, value, "a finite number");
    }
  }
  if (min === undefined && max === undefined) {
    throw new InvalidArgumentError(component, name, constraint, "a min or a max");
  }
  return Object.freeze({ ...constraint });
}

/**
 * Each constraint's value and violation on a trial's metrics.
 * @throws InvalidArgumentError when the objective did not report a constraint's metric as a finite number.
 */
export function evaluateConstraints(
  constraints: readonly Constraint[],
  metrics: Readonly<Record<string, number>>,
  trialNumber: number,
): ConstraintOutcome[] {
  return constraints.map(({ name, metric, min, max }) => {
    const value = metrics[metric];
    if (typeof value !== "number" || !Number.isFinite(value)) {
      throw new InvalidArgumentError(
        "optimize",
        `trial ${trialNumber} metrics.${metric}`,
        value,
        `a finite number (constraint "${name}" reads it)`,
      );
    }
    const violation = Math.max(0, (min ?? value) - value) + Math.max(0, value - (max ?? value));
    return { name, value, violation };
  });
}
