import { PersistError } from "@candlewick/core";
import type { TrialRecord } from "./trial-record.js";

/**
 * A trial record read back from a log line, checked field by field.
 * @throws PersistError naming the location and the field that is wrong.
 */
export function parseTrialRecord(value: unknown, location: string): TrialRecord {
  const fail = (field: string, expected: string) =>
    new PersistError("research", `trial record: "${field}" is not ${expected}`, { location });
  if (value === null || typeof value !== "object" || Array.isArray(value))
    throw fail("(record)", "an object");
  const record = value as Record<string, unknown>;
  if (!Number.isSafeInteger(record.number) || (record.number as number) < 0) {
    throw fail("number", "an integer >= 0");
  }
  if (typeof record.value !== "number" || !Number.isFinite(record.value))
    throw fail("value", "a finite number");
  if (record.state !== "complete" && record.state !== "infeasible") {
    throw fail("state", '"complete" or "infeasible"');
  }
  for (const field of ["params", "metrics"] as const) {
    const object = record[field];
    if (object === null || typeof object !== "object" || Array.isArray(object))
      throw fail(field, "an object");
  }
  if (!Array.isArray(record.constraints)) throw fail("constraints", "an array");
  for (const [index, outcome] of (record.constraints as unknown[]).entries()) {
    const { name, value: metric, violation } = (outcome ?? {}) as Record<string, unknown>;
    if (typeof name !== "string" || typeof metric !== "number" || typeof violation !== "number") {
      throw fail(`constraints.${index}`, "{ name, value, violation }");
    }
  }
  return record as unknown as TrialRecord;
}
