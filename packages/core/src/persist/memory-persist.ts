import { InvalidArgumentError } from "../errors/invalid-argument-error.js";
import { PersistError } from "../errors/persist-error.js";
import type { JsonValue, PersistAdapter, PersistKey } from "../spec/persist.js";

const COMPONENT = "persist-memory";

/**
 * A key part: 1 to 128 characters from `A-Z a-z 0-9 . _ -`, starting with a letter or a digit. The same rule
 * holds in every Candlewick adapter, so state can move from memory to files to Redis without renaming
 * anything; it also keeps `..`, separators and NUL out of file paths and Redis keys.
 */
const KEY_PART = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;
const KEY_PART_EXPECTED = "1 to 128 characters from A-Z a-z 0-9 . _ -, starting with a letter or a digit";
const JSON_EXPECTED = "a JSON value (null, boolean, finite number, string, array or plain object)";

/**
 * Creates the in-memory reference adapter: the default store of backtests, which persist nothing beyond
 * the process. Values are kept as JSON text, so a caller can never mutate stored state through an object
 * it wrote or read, and exactly what survives a JSON round trip in the file and Redis adapters survives here.
 *
 * @example
 * const persist = createMemoryPersist();
 * await persist.write({ namespace: "signals", strategyName: "sma-cross", symbol: "BTCUSDT" }, { open: true });
 */
export function createMemoryPersist(): PersistAdapter {
  const entries = new Map<string, string>();
  let closed = false;

  // Validates before anything else, so a bad key or a closed adapter never touches the store.
  function entryId(key: PersistKey): string {
    assertOpen();
    assertKeyPart("namespace", key?.namespace);
    assertKeyPart("strategyName", key?.strategyName);
    assertKeyPart("symbol", key?.symbol);
    return `${key.namespace}/${key.strategyName}/${key.symbol}`;
  }

  function assertOpen(): void {
    if (closed)
      throw new PersistError("memory", "the adapter is closed; create a new one with createMemoryPersist()");
  }

  return {
    specificationVersion: "v1",
    name: "memory",
    async read(key) {
      const text = entries.get(entryId(key));
      return text === undefined ? null : (JSON.parse(text) as JsonValue);
    },
    async write(key, value) {
      const id = entryId(key);
      assertJsonValue(value, "value", new Set());
      entries.set(id, JSON.stringify(value));
    },
    async delete(key) {
      entries.delete(entryId(key));
    },
    async has(key) {
      return entries.has(entryId(key));
    },
    async keys(namespace, strategyName) {
      assertOpen();
      assertKeyPart("namespace", namespace);
      if (strategyName !== undefined) assertKeyPart("strategyName", strategyName);
      const found: PersistKey[] = [];
      for (const id of entries.keys()) {
        const [ns, strategy, symbol] = id.split("/") as [string, string, string];
        if (ns === namespace && (strategyName === undefined || strategy === strategyName)) {
          found.push({ namespace: ns, strategyName: strategy, symbol });
        }
      }
      return found;
    },
    async close() {
      closed = true;
      entries.clear();
    },
  };
}

function assertKeyPart(part: keyof PersistKey, value: unknown): void {
  if (typeof value !== "string" || !KEY_PART.test(value)) {
    throw new InvalidArgumentError(COMPONENT, part, value, KEY_PART_EXPECTED);
  }
}

/**
 * Rejects what `JSON.stringify` would silently change or drop (NaN, a Date, a Map, a function, a cycle...),
 * naming the path of the culprit. An object property whose value is `undefined` is allowed and, as in JSON,
 * omitted: optional fields of state objects are commonly left `undefined`.
 */
function assertJsonValue(value: unknown, path: string, ancestors: Set<object>): void {
  if (value === null || typeof value === "string" || typeof value === "boolean") return;
  if (typeof value === "number" && Number.isFinite(value)) return;
  if (typeof value !== "object") throw notJson(path, value, describeKind(value));
  if (ancestors.has(value)) throw notJson(path, value, "a circular reference");
  const proto = Object.getPrototypeOf(value);
  ancestors.add(value);
  if (Array.isArray(value) && proto === Array.prototype) {
    for (let index = 0; index < value.length; index += 1) {
      assertJsonValue(index in value ? value[index] : undefined, `${path}[${index}]`, ancestors);
    }
  } else if (proto === Object.prototype || proto === null) {
    for (const [name, child] of Object.entries(value)) {
      if (child !== undefined) assertJsonValue(child, `${path}.${name}`, ancestors);
    }
  } else {
    throw notJson(path, value, describeKind(value));
  }
  ancestors.delete(value);
}

function notJson(path: string, value: unknown, kind: string): InvalidArgumentError {
  return new InvalidArgumentError(COMPONENT, path, value, `${JSON_EXPECTED}, not ${kind}`);
}

function describeKind(value: unknown): string {
  if (typeof value === "number") return String(value);
  if (typeof value !== "object" || value === null)
    return typeof value === "undefined" ? "undefined" : `a ${typeof value}`;
  return `a ${value.constructor?.name ?? "object with a custom prototype"}`;
}
