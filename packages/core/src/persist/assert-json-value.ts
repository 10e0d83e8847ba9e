import { InvalidArgumentError } from "../errors/invalid-argument-error.js";
import type { JsonValue } from "../spec/persist.js";

const EXPECTED = "a JSON value (null, boolean, finite number, string, array or plain object)";

/**
 * Rejects what `JSON.stringify` would throw on, drop or silently change (NaN, a Date, a Map, a function, a
 * cycle...), naming the path of the culprit, e.g. `value.levels[1]`. An object property whose value is
 * `undefined` is allowed and, as in JSON, omitted: optional fields of state objects are often left undefined.
 */
export function assertJsonValue(component: string, value: unknown): asserts value is JsonValue {
  check(component, value, "value", new Set());
}

function check(component: string, value: unknown, path: string, ancestors: Set<object>): void {
  if (value === null || typeof value === "string" || typeof value === "boolean") return;
  if (typeof value === "number" && Number.isFinite(value)) return;
  if (typeof value !== "object") throw notJson(component, path, value, describeKind(value));
  if (ancestors.has(value)) throw notJson(component, path, value, "a circular reference");
  const proto = Object.getPrototypeOf(value);
  ancestors.add(value);
  if (Array.isArray(value) && proto === Array.prototype) {
    for (let index = 0; index < value.length; index += 1) {
      check(component, index in value ? value[index] : undefined, `${path}[${index}]`, ancestors);
    }
  } else if (proto === Object.prototype || proto === null) {
    for (const [name, child] of Object.entries(value)) {
      if (child !== undefined) check(component, child, `${path}.${name}`, ancestors);
    }
  } else {
    throw notJson(component, path, value, describeKind(value));
  }
  ancestors.delete(value);
}

function notJson(component: string, path: string, value: unknown, kind: string): InvalidArgumentError {
  return new InvalidArgumentError(component, path, value, `${EXPECTED}, not ${kind}`);
}

function describeKind(value: unknown): string {
  if (typeof value === "number") return String(value);
  if (typeof value !== "object" || value === null)
    return typeof value === "undefined" ? "undefined" : `a ${typeof value}`;
  return `a ${value.constructor?.name ?? "object with a custom prototype"}`;
}
