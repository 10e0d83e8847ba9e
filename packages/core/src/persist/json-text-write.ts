import type { PersistAdapter, PersistKey } from "../spec/persist.js";

/** Stores `text`, the JSON text of a value, exactly as `adapter.write(key, JSON.parse(text))` would. */
export type JsonTextWrite = (key: PersistKey, text: string) => Promise<void>;

/**
 * Adapters that keep JSON text anyway (the memory adapter) take a live run's state as the text it has already
 * made, instead of a value they would check and serialise again: on a replay that is most of a tick's cost. A side
 * channel, not part of the persist contract; keyed by the adapter's own `write`, so an adapter whose `write` was
 * replaced (a spy, a wrapper) is written through that `write`, as before.
 */
const textWrites = new WeakMap<PersistAdapter["write"], JsonTextWrite>();

/** Declares that `adapter`, as long as its `write` is the one given here, also stores JSON text with `writeText`. */
export function provideJsonTextWrite(adapter: PersistAdapter, writeText: JsonTextWrite): void {
  textWrites.set(adapter.write, writeText);
}

/** The text write of `adapter`, or undefined when it takes values only. */
export function jsonTextWriteOf(adapter: PersistAdapter): JsonTextWrite | undefined {
  return textWrites.get(adapter.write);
}
