import { InvalidArgumentError } from "../../errors/index.js";
import type { EquitySample } from "../../spec/index.js";

/** The window every sample must fall in; omitted, only the order and the numbers are checked. */
export interface SampleWindow {
  readonly periodStart: number;
  readonly periodEnd: number;
}

/**
 * Checks every sample once, so the later loops can read the fields without checks: finite numbers, exposure
 * and open positions not negative (open positions a whole number), timestamps in non-decreasing order and,
 * given a window, within [periodStart, periodEnd]. Equal timestamps are allowed: several events can happen in
 * one minute, and each sample is a state the account really was in.
 *
 * @param component the public function name used in error messages
 * @throws InvalidArgumentError naming `samples[i].field`.
 */
export function validateEquitySamples(
  component: string,
  samples: readonly EquitySample[],
  window?: SampleWindow,
): void {
  if (!Array.isArray(samples)) {
    throw new InvalidArgumentError(component, "samples", samples, "an array of equity samples");
  }
  let previous = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < samples.length; i++) {
    const sample = samples[i] as EquitySample | undefined;
    if (typeof sample !== "object" || sample === null) {
      throw new InvalidArgumentError(component, `samples[${i}]`, sample, "an equity sample object");
    }
    const timestamp = finiteAt(component, sample.timestamp, i, "timestamp");
    finiteAt(component, sample.equity, i, "equity");
    finiteAt(component, sample.cash, i, "cash");
    if (finiteAt(component, sample.exposure, i, "exposure") < 0) {
      throw new InvalidArgumentError(component, `samples[${i}].exposure`, sample.exposure, "a number ≥ 0");
    }
    const openPositions = finiteAt(component, sample.openPositions, i, "openPositions");
    if (openPositions < 0 || !Number.isInteger(openPositions)) {
      throw new InvalidArgumentError(
        component,
        `samples[${i}].openPositions`,
        openPositions,
        "a whole number ≥ 0",
      );
    }
    if (timestamp < previous) {
      throw new InvalidArgumentError(
        component,
        `samples[${i}].timestamp`,
        timestamp,
        `a time not before the previous sample's (${previous}): samples must be in time order`,
      );
    }
    if (window !== undefined && (timestamp < window.periodStart || timestamp > window.periodEnd)) {
      throw new InvalidArgumentError(
        component,
        `samples[${i}].timestamp`,
        timestamp,
        `a time within [periodStart, periodEnd] = [${window.periodStart}, ${window.periodEnd}]`,
      );
    }
    previous = timestamp;
  }
}

function finiteAt(component: string, value: unknown, index: number, field: string): number {
  if (typeof value === "number" && Number.isFinite(value)) return value;
  throw new InvalidArgumentError(component, `samples[${index}].${field}`, value, "a finite number");
}
