import { InvalidArgumentError, type PersistKey } from "@candlewick/core";

/**
 * A key part: 1 to 128 characters from `A-Z a-z 0-9 . _ -`, starting with a letter or a digit. Every
 * Candlewick adapter applies the same rule (see @candlewick/testkit TC-P17), so state can move between
 * stores without renaming; here it also keeps `:`, the separator of Redis key segments, out of every part,
 * so `<prefix>:<namespace>:<strategyName>:<symbol>` can never be read two ways.
 */
const KEY_PART = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;
const EXPECTED = "1 to 128 characters from A-Z a-z 0-9 . _ -, starting with a letter or a digit";

/** Whether `text` is a valid key part. */
export function isPersistKeyPart(text: string): boolean {
  return KEY_PART.test(text);
}

/** Throws an `InvalidArgumentError` naming the part (`"symbol"`, ...) when it breaks the key rule. */
export function assertKeyPart(component: string, part: keyof PersistKey, value: unknown): void {
  if (typeof value !== "string" || !KEY_PART.test(value)) {
    throw new InvalidArgumentError(component, part, value, EXPECTED);
  }
}

/** Checks the three parts of `key`, in order. */
export function assertPersistKey(component: string, key: PersistKey): void {
  assertKeyPart(component, "namespace", key?.namespace);
  assertKeyPart(component, "strategyName", key?.strategyName);
  assertKeyPart(component, "symbol", key?.symbol);
}
