import type { z } from "zod";
import { InvalidArgumentError } from "../errors/invalid-argument-error.js";

/**
 * Parses `input` with a zod schema; on failure throws an `InvalidArgumentError` naming the first bad field
 * (dotted path), the value found there and what the schema expected. Used by `add*` and every adapter factory.
 * Credentials in that value are masked (see `InvalidArgumentError`).
 */
export function parseWithSchema<T extends z.ZodType>(
  component: string,
  schema: T,
  input: unknown,
): z.output<T> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  if (issue.code === "unrecognized_keys") {
    const key = issue.keys[0]!;
    const path = [...issue.path.map(String), key].join(".");
    throw new InvalidArgumentError(
      component,
      path,
      valueAt(input, [...issue.path, key]),
      "no such option (misspelt?)",
      result.error,
    );
  }
  const path = issue.path.map(String).join(".");
  throw new InvalidArgumentError(
    component,
    path || "(options)",
    valueAt(input, issue.path),
    expectedFromIssue(issue.message),
    result.error,
  );
}

/** The value at a zod issue path (undefined where the path leaves the input). */
function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const part of path) {
    value =
      value !== null && typeof value === "object" ? (value as Record<PropertyKey, unknown>)[part] : undefined;
  }
  return value;
}

/** Turns zod's "Invalid input: expected number, received string" into "number". */
function expectedFromIssue(message: string): string {
  return message
    .replace(/^(Invalid (input|option|value)|Too (small|big)):\s*/i, "")
    .replace(/^expected\s+/i, "")
    .replace(/,\s*received\s+.*$/i, "");
}
