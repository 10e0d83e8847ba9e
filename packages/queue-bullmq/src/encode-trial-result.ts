import type { TrialJobResult } from "@candlewick/research";

/** A number as JSON keeps it: finite numbers as they are, `NaN`, `±Infinity` and `-0` as their names. */
type EncodedNumber = number | "NaN" | "Infinity" | "-Infinity" | "-0";

/** A `TrialJobResult` in the form BullMQ stores (JSON). */
export interface EncodedTrialResult {
  readonly value: EncodedNumber;
  readonly metrics: Readonly<Record<string, EncodedNumber>>;
}

/**
 * JSON turns `NaN` and `±Infinity` into `null` and `-0` into `0`, so a result read back from Redis would differ
 * from the local run's. Those four are sent by name; every other double survives JSON exactly (shortest
 * round-trip digits).
 */
export function encodeTrialResult(result: TrialJobResult): EncodedTrialResult {
  return {
    value: encodeNumber(result.value),
    metrics: Object.fromEntries(Object.entries(result.metrics).map(([key, x]) => [key, encodeNumber(x)])),
  };
}

/** The inverse of {@link encodeTrialResult}. */
export function decodeTrialResult(encoded: EncodedTrialResult): TrialJobResult {
  return {
    value: decodeNumber(encoded.value),
    metrics: Object.fromEntries(Object.entries(encoded.metrics).map(([key, x]) => [key, decodeNumber(x)])),
  };
}

function encodeNumber(x: number): EncodedNumber {
  if (Number.isNaN(x)) return "NaN";
  if (x === Number.POSITIVE_INFINITY) return "Infinity";
  if (x === Number.NEGATIVE_INFINITY) return "-Infinity";
  if (Object.is(x, -0)) return "-0";
  return x;
}

function decodeNumber(x: EncodedNumber): number {
  return typeof x === "number" ? x : x === "-0" ? -0 : Number(x);
}
