import { PersistError } from "../errors/persist-error.js";
import type { JsonValue, PersistAdapter, PersistKey } from "../spec/persist.js";
import { assertJsonValue } from "./assert-json-value.js";
import { assertKeyPart, assertPersistKey } from "./assert-persist-key.js";
import { provideJsonTextWrite } from "./json-text-write.js";
import { markProcessLocal } from "./process-local-persist.js";

const COMPONENT = "persist-memory";

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
    assertPersistKey(COMPONENT, key);
    return `${key.namespace}/${key.strategyName}/${key.symbol}`;
  }

  function assertOpen(): void {
    if (closed)
      throw new PersistError("memory", "the adapter is closed; create a new one with createMemoryPersist()");
  }

  const adapter: PersistAdapter = {
    specificationVersion: "v1",
    name: "memory",
    async read(key) {
      const text = entries.get(entryId(key));
      return text === undefined ? null : (JSON.parse(text) as JsonValue);
    },
    async write(key, value) {
      const id = entryId(key);
      assertJsonValue(COMPONENT, value);
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
      assertKeyPart(COMPONENT, "namespace", namespace);
      if (strategyName !== undefined) assertKeyPart(COMPONENT, "strategyName", strategyName);
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
  // The text of a JSON.stringify is a JSON value's text already: nothing to check but the key.
  provideJsonTextWrite(adapter, async (key, text) => {
    entries.set(entryId(key), text);
  });
  markProcessLocal(adapter);
  return adapter;
}
