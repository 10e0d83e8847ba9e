import { InvalidArgumentError } from "../errors/invalid-argument-error.js";
import type { PersistKey } from "../spec/persist.js";

/**
 * A key part: 1 to 128 characters from `A-Z a-z 0-9 . _ -`, starting with a letter or a digit. Every
 * Candlewick adapter applies this one rule (see @candlewick/testkit TC-P17), so state can move between stores
 * without renaming. It keeps `..`, path separators and NUL out of file paths, `:` (the Redis key separator) out
 * of Redis keys, and leaves room in a 255-byte file name for `.json` and a temp suffix. `toPersistKeyPart`
 * maps any strategy name or symbol onto it.
 */
export const PERSIST_KEY_PART_PATTERN = "[A-Za-z0-9][A-Za-z0-9._-]{0,127}";
const KEY_PART = new RegExp(`^${PERSIST_KEY_PART_PATTERN}$`);
export const PERSIST_KEY_PART_RULE =
  "1 to 128 characters from A-Z a-z 0-9 . _ -, starting with a letter or a digit";

/** Whether `text` is a valid key part. */
export function isPersistKeyPart(text: string): boolean {
  return KEY_PART.test(text);
}

/** Throws an `InvalidArgumentError` naming the part (`"symbol"`, ...) when it breaks the key rule. */
export function assertKeyPart(component: string, part: keyof PersistKey, value: unknown): void {
  if (typeof value !== "string" || !KEY_PART.test(value)) {
    throw new InvalidArgumentError(component, part, value, PERSIST_KEY_PART_RULE);
  }
}

/** Checks the three parts of `key`, in order. */
export function assertPersistKey(component: string, key: PersistKey): void {
  assertKeyPart(component, "namespace", key?.namespace);
  assertKeyPart(component, "strategyName", key?.strategyName);
  assertKeyPart(component, "symbol", key?.symbol);
}
