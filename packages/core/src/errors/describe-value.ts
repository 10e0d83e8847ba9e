import { redactSecrets } from "./redact-secrets.js";

/**
 * Renders a value for an error message: short, unambiguous, never throwing, and never showing a credential
 * (credential-named fields and URL passwords are masked first, see `redactSecrets`).
 */
export function describeValue(raw: unknown): string {
  let value: unknown;
  try {
    value = redactSecrets(raw);
  } catch {
    return "an unreadable object";
  }
  if (value === undefined) return "missing";
  if (typeof value === "string")
    return JSON.stringify(value.length > 80 ? `${value.slice(0, 77)}...` : value);
  if (typeof value === "number" || typeof value === "boolean" || value === null) return String(value);
  if (typeof value === "bigint") return `${value}n`;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? "an invalid Date" : value.toISOString();
  if (typeof value === "function") return "a function";
  if (Array.isArray(value)) return `an array of ${value.length}`;
  try {
    const text = JSON.stringify(value);
    return text.length > 80 ? `${text.slice(0, 77)}...` : text;
  } catch {
    return "an object";
  }
}
