/**
 * `"a Redis"` for an instance of a class (a client of another library, a URL object), `undefined` for anything
 * else (plain objects, arrays, primitives). An option's error shows such a value by its class alone: it may hold
 * credentials anywhere inside and refer to itself.
 */
export function instanceLabel(value: unknown): string | undefined {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return undefined;
  const prototype = Object.getPrototypeOf(value);
  if (prototype === Object.prototype || prototype === null) return undefined;
  return `a ${(value as object).constructor?.name || "object"}`;
}
