import { isAbsolute } from "node:path";
import { pathToFileURL } from "node:url";

/**
 * The `file:` URL of a walker's setup module, or null when `value` is not an absolute path, a `file:` URL string
 * or a `file:` URL object. Relative paths are refused: relative to what (the caller? the cwd?) would be a guess.
 */
export function setupModuleHref(value: unknown): string | null {
  if (value instanceof URL) return value.protocol === "file:" ? value.href : null;
  if (typeof value !== "string" || value.length === 0) return null;
  if (value.startsWith("file:")) {
    try {
      return new URL(value).href;
    } catch {
      return null;
    }
  }
  return isAbsolute(value) ? pathToFileURL(value).href : null;
}
