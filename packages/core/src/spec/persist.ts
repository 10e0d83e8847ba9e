/** A JSON value as stored by persistence adapters. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/**
 * Address of one persisted entity. Adapters map it to their own layout, e.g. persist-fs:
 * `<baseDir>/<namespace>/<strategyName>/<symbol>.json`. Every part must match `PERSIST_KEY_PART`.
 */
export interface PersistKey {
  /** Kind of state, e.g. `"signals"`. */
  readonly namespace: string;
  readonly strategyName: string;
  readonly symbol: string;
}

/**
 * The persistence contract (v1): an async key/value store of JSON state. It fails closed: any I/O error
 * rejects the returned promise and is never swallowed. `write` is atomic: after a crash a reader sees the
 * old value or the new one, never a torn one.
 */
export interface PersistAdapter {
  readonly specificationVersion: "v1";
  /** Short adapter name for error messages, e.g. `"fs"`, `"redis"`, `"memory"`. */
  readonly name: string;
  /** The stored value, or `null` when the key has none. */
  read(key: PersistKey): Promise<JsonValue | null>;
  /** Stores `value` atomically, replacing any previous value. */
  write(key: PersistKey, value: JsonValue): Promise<void>;
  /** Removes the key; removing a missing key is not an error. */
  delete(key: PersistKey): Promise<void>;
  has(key: PersistKey): Promise<boolean>;
  /** Every stored key of a namespace (optionally of one strategy), in no particular order. */
  keys(namespace: string, strategyName?: string): Promise<PersistKey[]>;
  /** Releases connections or handles the adapter opened itself. */
  close?(): Promise<void>;
}
