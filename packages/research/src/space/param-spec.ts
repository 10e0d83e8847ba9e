import { InvalidArgumentError } from "@candlewick/core";

/** A value a {@link ChoiceParam} may take: JSON-safe, so a study log stores it exactly. */
export type ChoiceValue = string | number | boolean;

/** An integer parameter in `[low, high]` (both included), on a grid of `step`, or log-uniform. */
export interface IntegerParam {
  readonly kind: "integer";
  readonly low: number;
  readonly high: number;
  /** Grid spacing from `low` (default 1). Not allowed with `log`. */
  readonly step: number;
  /** Sample `ln x` uniformly: for ranges spanning orders of magnitude (requires `low >= 1`). */
  readonly log: boolean;
}

/** A real parameter in `[low, high]`, continuous or on a grid of `step`, or log-uniform. */
export interface NumberParam {
  readonly kind: "number";
  readonly low: number;
  readonly high: number;
  /** Grid spacing from `low`, or `undefined` for a continuous range. Not allowed with `log`. */
  readonly step: number | undefined;
  /** Sample `ln x` uniformly (requires `low > 0`). */
  readonly log: boolean;
}

/** One of a fixed list of values (booleans are `choice([false, true])`). */
export interface ChoiceParam<Value extends ChoiceValue = ChoiceValue> {
  readonly kind: "choice";
  readonly values: readonly Value[];
}

/** How one parameter of a search space is sampled. */
export type ParamSpec = IntegerParam | NumberParam | ChoiceParam;

/** Options of {@link integerRange} and {@link numberRange}. */
export interface RangeOptions {
  /** Grid spacing from `low` (`high - low` need not be a multiple: the last point is the largest `<= high`). */
  readonly step?: number;
  /** Log-uniform sampling, for ranges such as `1e-4 .. 1e-1`. */
  readonly log?: boolean;
}

const COMPONENT = "research search space";

/**
 * An integer parameter from `low` to `high`, both included.
 * @example integerRange(20, 200, { step: 5 }) // 20, 25, ..., 200
 * @throws InvalidArgumentError for non-integer bounds, `low > high`, a step below 1 or a log range from below 1.
 */
export function integerRange(low: number, high: number, options: RangeOptions = {}): IntegerParam {
  for (const [field, value] of [
    ["low", low],
    ["high", high],
  ] as const) {
    if (!Number.isSafeInteger(value))
      throw new InvalidArgumentError(COMPONENT, field, value, "a safe integer");
  }
  const step = options.step ?? 1;
  if (!Number.isSafeInteger(step) || step < 1) {
    throw new InvalidArgumentError(COMPONENT, "step", step, "an integer >= 1");
  }
  checkOrderAndLog(low, high, step !== 1 ? step : undefined, options.log ?? false, 1);
  return Object.freeze({ kind: "integer", low, high, step, log: options.log ?? false });
}

/**
 * A real parameter from `low` to `high`: continuous, on a `step` grid, or log-uniform.
 * @example numberRange(0.001, 0.1, { log: true })
 * @throws InvalidArgumentError for non-finite bounds, `low > high`, a step `<= 0` or a log range from `<= 0`.
 */
export function numberRange(low: number, high: number, options: RangeOptions = {}): NumberParam {
  for (const [field, value] of [
    ["low", low],
    ["high", high],
  ] as const) {
    if (!Number.isFinite(value)) throw new InvalidArgumentError(COMPONENT, field, value, "a finite number");
  }
  const { step } = options;
  if (step !== undefined && !(Number.isFinite(step) && step > 0)) {
    throw new InvalidArgumentError(COMPONENT, "step", step, "a finite number > 0, or no step");
  }
  checkOrderAndLog(low, high, step, options.log ?? false, Number.MIN_VALUE);
  return Object.freeze({ kind: "number", low, high, step, log: options.log ?? false });
}

/**
 * One of `values` (at least one, no duplicates).
 * @example choice(["ema", "sma"]); choice([false, true])
 * @throws InvalidArgumentError for an empty list, a duplicate or a value that is not a string, finite number or boolean.
 */
export function choice<const Value extends ChoiceValue>(values: readonly Value[]): ChoiceParam<Value> {
  if (!Array.isArray(values) || values.length === 0) {
    throw new InvalidArgumentError(COMPONENT, "values", values, "a non-empty array");
  }
  for (const [index, value] of values.entries()) {
    const ok =
      typeof value === "string" ||
      typeof value === "boolean" ||
      (typeof value === "number" && Number.isFinite(value));
    if (!ok) {
      throw new InvalidArgumentError(
        COMPONENT,
        `values.${index}`,
        value,
        "a string, finite number or boolean",
      );
    }
    if (values.indexOf(value) !== index) {
      throw new InvalidArgumentError(COMPONENT, `values.${index}`, value, "a value listed once");
    }
  }
  return Object.freeze({ kind: "choice", values: Object.freeze([...values]) });
}

function checkOrderAndLog(
  low: number,
  high: number,
  step: number | undefined,
  log: boolean,
  logMinimum: number,
): void {
  if (low > high) throw new InvalidArgumentError(COMPONENT, "high", high, `a number >= low (${low})`);
  if (typeof log !== "boolean") throw new InvalidArgumentError(COMPONENT, "log", log, "a boolean");
  if (!log) return;
  if (step !== undefined) {
    throw new InvalidArgumentError(COMPONENT, "step", step, "no step on a log range");
  }
  if (low < logMinimum) {
    throw new InvalidArgumentError(COMPONENT, "low", low, `a number >= ${logMinimum} on a log range`);
  }
}

/** The grid points of a stepped range: `low, low + step, ...` up to `high` (values computed as `low + k * step`). */
export function gridPoints(spec: IntegerParam | NumberParam): number[] | undefined {
  if (spec.step === undefined) return undefined;
  if (spec.kind === "number" && spec.log) return undefined;
  const count = Math.floor((spec.high - spec.low) / spec.step + 1e-9) + 1;
  return Array.from({ length: count }, (_, k) => roundToGrid(spec.low + k * spec.step!, spec.step!));
}

/** `value` with the float noise of `low + k * step` removed (at most 12 significant decimals of the step). */
export function roundToGrid(value: number, step: number): number {
  const decimals = Math.min(12, Math.max(0, -Math.floor(Math.log10(step)) + 6));
  return Number(value.toFixed(decimals));
}
