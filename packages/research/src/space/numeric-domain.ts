import { type IntegerParam, type NumberParam, roundToGrid } from "./param-spec.js";

/**
 * Where samplers work on a numeric parameter: `[low, high]`, continuous or on the grid `low + k * step`. A log
 * range is continuous in `ln x`; a log integer range is continuous in `ln x` over `[ln(low - ½), ln(high + ½)]`
 * and rounded back, so every integer gets the share of the log axis that rounds to it.
 */
export interface NumericDomain {
  readonly low: number;
  readonly high: number;
  readonly step: number | undefined;
}

/** The domain of a numeric spec. */
export function numericDomain(spec: IntegerParam | NumberParam): NumericDomain {
  if (spec.log) {
    return spec.kind === "integer"
      ? { low: Math.log(spec.low - 0.5), high: Math.log(spec.high + 0.5), step: undefined }
      : { low: Math.log(spec.low), high: Math.log(spec.high), step: undefined };
  }
  if (spec.step === undefined) return { low: spec.low, high: spec.high, step: undefined };
  const last = spec.low + Math.floor((spec.high - spec.low) / spec.step + 1e-9) * spec.step;
  return { low: spec.low, high: last, step: spec.step };
}

/** A parameter value in its domain's coordinates. */
export function toDomain(spec: IntegerParam | NumberParam, value: number): number {
  return spec.log ? Math.log(value) : value;
}

/** The parameter value of a point of the domain (rounded to the grid or to an integer, kept within bounds). */
export function fromDomain(spec: IntegerParam | NumberParam, point: number): number {
  if (spec.log) {
    const value = Math.exp(point);
    const rounded = spec.kind === "integer" ? Math.round(value) : value;
    return Math.min(spec.high, Math.max(spec.low, rounded));
  }
  if (spec.step === undefined) return Math.min(spec.high, Math.max(spec.low, point));
  const domain = numericDomain(spec);
  const k = Math.round((point - spec.low) / spec.step);
  const index = Math.min(Math.round((domain.high - domain.low) / spec.step), Math.max(0, k));
  const value = spec.low + index * spec.step;
  return spec.kind === "integer" ? value : roundToGrid(value, spec.step);
}
