import { InvalidArgumentError, isSecretName, parseWithSchema } from "@candlewick/core";
import type { z } from "zod";
import { editDistance } from "./close-matches.js";
import { COMPONENT } from "./component.js";

/**
 * Validates the options of one of this package's functions. Options are strict: an unknown key, at the top or
 * inside a nested options object (`cache`), is an `InvalidArgumentError` naming it (and any other unknown key
 * beside it) with the option it most likely meant (`maxRetry` → `maxRetries`), checked before the values so a
 * typo is reported as a typo. Then the values are parsed with the schema.
 */
export function parseOptions<T extends z.ZodObject>(schema: T, input: unknown): z.output<T> {
  rejectUnknownOptions(schema, input, []);
  return parseWithSchema(COMPONENT, schema, input);
}

function rejectUnknownOptions(schema: z.ZodObject, input: unknown, path: readonly string[]): void {
  if (!isPlainObject(input)) return;
  const known = Object.keys(schema.shape);
  const unknown = Object.keys(input).filter((key) => !known.includes(key));
  if (unknown.length > 0) {
    const [first, ...others] = unknown as [string, ...string[]];
    const also =
      others.length > 0
        ? `; also unknown: ${others.map((key) => `"${key}"${hintFor(key, known, " (", ")")}`).join(", ")}`
        : "";
    throw new InvalidArgumentError(
      COMPONENT,
      [...path, first].join("."),
      input[first],
      `a known option${hintFor(first, known, "; ", "") || `: ${known.join(", ")}`}${also}`,
    );
  }
  for (const key of known) {
    const nested = objectSchemaOf(schema.shape[key] as z.ZodType);
    if (nested !== undefined) rejectUnknownOptions(nested, input[key], [...path, key]);
  }
}

/** "did you mean ...?" for a misspelt option, where to put a credential, or "" when nothing is close. */
function hintFor(key: string, known: readonly string[], before: string, after: string): string {
  const matches = likelyOptions(key, known);
  if (matches.length > 0)
    return `${before}did you mean ${matches.map((name) => `"${name}"`).join(" or ")}?${after}`;
  if (isSecretName(key)) {
    return `${before}credentials belong on your own ccxt instance, e.g. exchange: new ccxt.binance({ apiKey, secret })${after}`;
  }
  return "";
}

/**
 * Known options a misspelling most likely meant, best first: case-insensitive edit distance up to a third of
 * the option's length (at least 2), so `maxRetry` finds `maxRetries` (3 edits) and `pagesize` finds `pageSize`.
 */
function likelyOptions(key: string, known: readonly string[]): string[] {
  const wanted = key.toLowerCase();
  return known
    .map((name) => ({ name, distance: editDistance(wanted, name.toLowerCase()) }))
    .filter(({ name, distance }) => distance <= Math.max(2, Math.floor(name.length / 3)))
    .sort((a, b) => a.distance - b.distance)
    .slice(0, 3)
    .map(({ name }) => name);
}

/** The object schema inside `optional`/`default`/`nullable`/`readonly` wrappers, if there is one. */
function objectSchemaOf(schema: z.ZodType): z.ZodObject | undefined {
  let current: z.ZodType = schema;
  for (;;) {
    const def = current.def as { type: string; innerType?: z.ZodType };
    if (def.type === "object") return current as z.ZodObject;
    if (def.innerType === undefined) return undefined;
    current = def.innerType;
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}
