/** What replaces a credential in an error's message, `details`, `cause` or a described value. */
export const REDACTED = "[redacted]";

/** A name is a credential when, lower-cased and without separators, it contains one of these... */
const SECRET_PARTS = [
  "secret",
  "password",
  "passwd",
  "passphrase",
  "privatekey",
  "apikey",
  "accesskey",
  "credential",
  "signature",
  "mnemonic",
  "authorization",
  "cookie",
];
/** ...or ends with one of these (`accessToken`, `db_pwd`)... */
const SECRET_SUFFIXES = ["token", "pwd"];
/** ...or is one of these (ccxt's `uid` and `twofa` are credentials too). */
const SECRET_NAMES: ReadonlySet<string> = new Set(["auth", "pass", "uid", "twofa", "otp", "sig", "jwt"]);

/**
 * True for a field, query-parameter or header name that holds a credential: `apiKey`, `API_KEY`, `secret`,
 * `clientSecret`, `password`, `passphrase`, `privateKey`, `token`, `accessToken`, `uid`, `twofa`, `signature`,
 * `Authorization`, `X-MBX-APIKEY`... Case and separators are ignored. `key` alone is not one (Redis and cache
 * keys are names, not credentials).
 */
export function isSecretName(name: string): boolean {
  const normalized = name.toLowerCase().replace(/[^a-z0-9]/g, "");
  if (SECRET_NAMES.has(normalized)) return true;
  if (SECRET_SUFFIXES.some((suffix) => normalized.endsWith(suffix))) return true;
  return SECRET_PARTS.some((part) => normalized.includes(part));
}

const NONE: ReadonlySet<string> = new Set();

/** Letters of `word` with up to two separators between them: what `isSecretName` ignores. */
const spaced = (word: string) => [...word].join("[^A-Za-z0-9]{0,2}");
/**
 * True of every text in which a credential name could occur (and of some others): the cheap test before the
 * name-based patterns run.
 */
const MAY_NAME_A_SECRET = new RegExp(
  [
    ...[...SECRET_PARTS, ...SECRET_SUFFIXES].map(spaced),
    ...[...SECRET_NAMES].map((name) => `(?<![A-Za-z0-9])${name}(?![A-Za-z0-9])`),
    "bearer",
    "basic",
  ].join("|"),
  "i",
);

/** `scheme://user:password@` (the user info runs to the last `@` before the path). */
const URL_USER_INFO = /\b([a-z][a-z0-9+.-]*:\/\/)([^\s/?#"'<>]*)@/gi;
/** `name=value` in a query string, a form body or prose. */
const NAME_EQUALS_VALUE = /(^|[?&;\s,({[])([A-Za-z0-9_.-]{1,64})=(\[redacted\]|[^&\s#"',;)\]}]*)/g;
/** `"name": "value"`, `name: 'value'`, `name="value"` (JSON, JS inspect output, headers, configs). */
const NAME_QUOTED_VALUE = /(["']?)([A-Za-z_][\w.-]{0,63})\1(\s*[:=]\s*)(["'])((?:\\.|(?!\4)[^\\]){0,512})\4/g;
/** `Name: value` with an unquoted value (an HTTP header such as `X-API-KEY: abc`). */
const NAME_COLON_VALUE = /(^|[\s,;{])([A-Za-z][\w-]{0,63})(:[ \t]*)((?:(?:Bearer|Basic)\s+)?[^\s"',;}]+)/gi;
const BEARER = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{6,}/gi;
/** Shorter values found under a credential name are not hunted for in other text: they would mask words. */
const MIN_KNOWN_SECRET_LENGTH = 6;

/**
 * Masks credentials inside a string: the password of a URL (`redis://user:[redacted]@host`; a user info with no
 * password, `https://[redacted]@host`, may be a token and is masked whole), credential-named
 * query parameters and `name: value` pairs (`?apiKey=[redacted]&signature=[redacted]`, `"secret": "[redacted]"`),
 * `Bearer`/`Basic` tokens, and every occurrence of the `known` secret values.
 */
export function redactSecretsInText(text: string, known: ReadonlySet<string> = NONE): string {
  let out = text;
  if (known.size > 0) {
    for (const secret of [...known].sort((a, b) => b.length - a.length)) {
      if (out.includes(secret)) out = out.split(secret).join(REDACTED);
    }
  }
  if (out.includes("://") && out.includes("@")) {
    out = out.replace(URL_USER_INFO, (match, scheme: string, userInfo: string) => {
      // `https://TOKEN@host`: a user info without a colon is often a token, so it is masked whole.
      const colon = userInfo.indexOf(":");
      if (userInfo === "" || userInfo === REDACTED || userInfo.endsWith(`:${REDACTED}`)) return match;
      if (colon < 0) return `${scheme}${REDACTED}@`;
      return `${scheme}${userInfo.slice(0, colon)}:${REDACTED}@`;
    });
  }
  // Errors are built on hot paths (a rejected signal per candle): most texts name no credential at all.
  if (!MAY_NAME_A_SECRET.test(out)) return out;
  return out
    .replace(NAME_EQUALS_VALUE, (match, before: string, name: string, value: string) =>
      value !== "" && value !== REDACTED && isSecretName(name) ? `${before}${name}=${REDACTED}` : match,
    )
    .replace(NAME_QUOTED_VALUE, (match, q: string, name: string, sep: string, vq: string, value: string) =>
      value !== "" && isSecretName(name) ? `${q}${name}${q}${sep}${vq}${REDACTED}${vq}` : match,
    )
    .replace(NAME_COLON_VALUE, (match, before: string, name: string, sep: string, value: string) =>
      isSecretName(name) && !value.startsWith("//") ? `${before}${name}${sep}${REDACTED}` : match,
    )
    .replace(BEARER, (_match, scheme: string) => `${scheme} ${REDACTED}`);
}

/**
 * A copy of `value` with every credential-named field (at any depth, in objects, arrays, class instances and
 * errors) replaced by {@link REDACTED} and every string masked by {@link redactSecretsInText}. Only what changes
 * is copied: a value with nothing to hide is returned as it is, by identity. The input is never mutated; cycles
 * are kept. Class instances and errors are copied onto the same prototype, so `instanceof` still holds.
 */
export function redactSecrets<T>(value: T, known: ReadonlySet<string> = NONE): T {
  return redactValue(value, known, new Map(), 0) as T;
}

/** Strings stored under credential names anywhere in `value`, for masking wherever else they were repeated. */
export function collectSecretValues(value: unknown, found: Set<string> = new Set()): Set<string> {
  collectInto(value, found, new Set(), 0, false);
  return found;
}

/** Deeper than this, a value is left as it is (only cyclic or pathological data nests so deep). */
const MAX_DEPTH = 64;

function redactValue(
  value: unknown,
  known: ReadonlySet<string>,
  seen: Map<object, unknown>,
  depth: number,
): unknown {
  if (typeof value === "string") return redactSecretsInText(value, known);
  if (typeof value !== "object" || value === null) return value;
  const done = seen.get(value);
  if (done !== undefined) return done;
  if (depth > MAX_DEPTH || isOpaque(value)) return value;
  if (Array.isArray(value)) {
    const copy: unknown[] = [];
    seen.set(value, copy);
    let changed = false;
    for (const item of value) {
      const redacted = redactValue(item, known, seen, depth + 1);
      changed ||= redacted !== item;
      copy.push(redacted);
    }
    return settle(value, copy, changed, seen);
  }
  const prototype = Object.getPrototypeOf(value);
  if (prototype === Object.prototype || prototype === null)
    return redactPlainObject(value, known, seen, depth);
  const copy = Object.create(prototype) as Record<string, unknown>;
  seen.set(value, copy);
  let changed = false;
  const isError = value instanceof Error;
  for (const key of Object.getOwnPropertyNames(value)) {
    const descriptor = Object.getOwnPropertyDescriptor(value, key)!;
    // Errors keep their non-enumerable own message/stack/cause; elsewhere only enumerable data is copied.
    if (!descriptor.enumerable && !isError) continue;
    if (!("value" in descriptor)) {
      Object.defineProperty(copy, key, descriptor);
      continue;
    }
    const original: unknown = descriptor.value;
    const redacted =
      isSecretName(key) && !isEmpty(original) ? REDACTED : redactValue(original, known, seen, depth + 1);
    changed ||= redacted !== original;
    Object.defineProperty(copy, key, { ...descriptor, value: redacted });
  }
  return settle(value, copy, changed, seen);
}

/** The common case, kept cheap: own enumerable keys read directly. */
function redactPlainObject(
  value: object,
  known: ReadonlySet<string>,
  seen: Map<object, unknown>,
  depth: number,
): unknown {
  const source = value as Record<string, unknown>;
  const copy: Record<string, unknown> = Object.getPrototypeOf(value) === null ? Object.create(null) : {};
  seen.set(value, copy);
  let changed = false;
  for (const key of Object.keys(source)) {
    const original = source[key];
    const redacted =
      isSecretName(key) && !isEmpty(original) ? REDACTED : redactValue(original, known, seen, depth + 1);
    changed ||= redacted !== original;
    if (key === "__proto__") {
      Object.defineProperty(copy, key, {
        value: redacted,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    } else copy[key] = redacted;
  }
  return settle(value, copy, changed, seen);
}

function settle(original: object, copy: unknown, changed: boolean, seen: Map<object, unknown>): unknown {
  if (changed) return copy;
  seen.set(original, original);
  return original;
}

function collectInto(
  value: unknown,
  found: Set<string>,
  seen: Set<object>,
  depth: number,
  underSecret: boolean,
): void {
  if (typeof value === "string") {
    if (underSecret && value.length >= MIN_KNOWN_SECRET_LENGTH && value !== REDACTED) found.add(value);
    return;
  }
  if (typeof value !== "object" || value === null || seen.has(value) || depth > MAX_DEPTH || isOpaque(value))
    return;
  seen.add(value);
  if (Array.isArray(value)) {
    for (const item of value) collectInto(item, found, seen, depth + 1, underSecret);
    return;
  }
  const isError = value instanceof Error;
  for (const key of Object.getOwnPropertyNames(value)) {
    const descriptor = Object.getOwnPropertyDescriptor(value, key)!;
    if ((!descriptor.enumerable && !isError) || !("value" in descriptor)) continue;
    collectInto(descriptor.value, found, seen, depth + 1, underSecret || isSecretName(key));
  }
}

/** Values whose contents are not data to walk: dates, buffers, typed arrays, regexps, promises, maps, sets. */
function isOpaque(value: object): boolean {
  return (
    value instanceof Date ||
    value instanceof RegExp ||
    value instanceof Promise ||
    value instanceof Map ||
    value instanceof Set ||
    value instanceof WeakMap ||
    value instanceof WeakSet ||
    ArrayBuffer.isView(value) ||
    value instanceof ArrayBuffer
  );
}

function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || value === "";
}

/**
 * The parts of a new error, masked; used by `CandlewickError`'s constructor before `super()`. Never throws: if
 * `details` or `cause` cannot be read (a revoked proxy), they are replaced rather than risk showing a secret.
 */
export function redactErrorParts(
  message: string,
  details: Readonly<Record<string, unknown>> | undefined,
  cause: unknown,
): { message: string; details: Readonly<Record<string, unknown>> | undefined; cause: unknown } {
  try {
    const known = collectSecretValues(cause, collectSecretValues(details));
    return {
      message: redactSecretsInText(message, known),
      details: redactSecrets(details, known),
      cause: redactSecrets(cause, known),
    };
  } catch {
    return { message: redactSecretsInText(message), details: { unreadable: REDACTED }, cause: REDACTED };
  }
}
