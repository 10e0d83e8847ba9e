/** Keys whose values a report never carries: credentials a live run's settings could hold. */
const SECRET_KEY = /api[-_]?key|secret|password|passphrase|private[-_]?key|credential|authorization|token$/i;

/**
 * A deep copy of `value` without any property whose name looks like a credential. Report data holds none by
 * design; this is the second line of defence for what is embedded in a file people share.
 */
export function stripSecrets<T>(value: T): T {
  return strip(value) as T;
}

function strip(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(strip);
  if (value === null || typeof value !== "object") return value;
  const copy: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    if (!SECRET_KEY.test(key)) copy[key] = strip(inner);
  }
  return copy;
}
