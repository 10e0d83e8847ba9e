/**
 * Redaction of credentials before a value reaches an error message or `details`. Local to this adapter
 * until core offers a shared helper; the rules: a URL keeps its scheme, host and username but loses its
 * password (`redis://user:***@host`), a userinfo without `:` is hidden whole, a query parameter named like
 * a credential (`?password=`) loses its value, and so does any object field named like one.
 */

const MASK = "***";
/** Field and query-parameter names that hold credentials: password, sentinelPassword, authToken, apiKey... */
const CREDENTIAL_NAME = /pass(word)?|pwd|secret|token|auth|api[-_]?key|credential|private[-_]?key/i;
/** `scheme://userinfo@` in free text; the userinfo runs to the last `@` before the path. */
const URL_USERINFO = /([a-z][a-z0-9+.-]*:\/\/)([^\s/?#]*)@/gi;
/** `?name=value` or `&name=value` in free text. */
const QUERY_PARAMETER = /([?&;])([^=&\s#]+)=([^&\s#]*)/g;

/** Whether a field or parameter of this name holds a credential. */
export function isCredentialName(name: string): boolean {
  return CREDENTIAL_NAME.test(name);
}

/**
 * Redacts a string given as a connection URL, however malformed: everything between `//` (or the start)
 * and the last `@` is userinfo, so a password holding `/`, `#` or `@` is hidden too.
 */
export function redactUrl(url: string): string {
  const at = url.lastIndexOf("@");
  let redacted = url;
  if (at !== -1) {
    const slashes = url.indexOf("//");
    const start = slashes !== -1 && slashes < at ? slashes + 2 : 0;
    redacted = url.slice(0, start) + maskUserinfo(url.slice(start, at)) + url.slice(at);
  }
  return redactQuery(redacted);
}

/** Redacts the URL passwords and credential query parameters found anywhere in a text. */
export function redactText(text: string): string {
  return redactQuery(
    text.replace(
      URL_USERINFO,
      (_, scheme: string, userinfo: string) => `${scheme}${maskUserinfo(userinfo)}@`,
    ),
  );
}

/**
 * A copy of `value` safe to show: strings redacted as text, fields named like credentials masked, nested
 * plain objects and arrays redacted in turn; any other object (a client, a class instance) is described by
 * its class name only, since it may hold credentials anywhere inside.
 */
export function redactValue(value: unknown, name?: string, depth = 0): unknown {
  if (name !== undefined && isCredentialName(name) && value !== undefined && value !== null) return MASK;
  if (typeof value === "string") return redactText(value);
  if (typeof value !== "object" || value === null) return value;
  if (depth >= 4) return "an object";
  if (Array.isArray(value)) return value.map((item) => redactValue(item, undefined, depth + 1));
  const prototype = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) {
    return `a ${(value as object).constructor?.name || "object"}`;
  }
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [key, redactValue(item, key, depth + 1)]),
  );
}

function maskUserinfo(userinfo: string): string {
  const colon = userinfo.indexOf(":");
  return colon === -1 ? MASK : `${userinfo.slice(0, colon)}:${MASK}`;
}

function redactQuery(text: string): string {
  return text.replace(QUERY_PARAMETER, (whole, separator: string, key: string) =>
    isCredentialName(safeDecode(key)) ? `${separator}${key}=${MASK}` : whole,
  );
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
