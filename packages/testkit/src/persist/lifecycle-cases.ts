import { expect } from "vitest";
import { expectRejection } from "./expect-rejection.js";
import type { PersistCase } from "./persist-case.js";
import { sortKeys } from "./sort-keys.js";

/** TC-P20…P21: what outlives an adapter instance, and closing it. */
export const lifecycleCases: readonly PersistCase[] = [
  {
    id: "TC-P20",
    title: "a fresh instance over the same storage sees earlier writes and deletes (durability)",
    needsSharedStorage: true,
    async run({ open, namespace, key }) {
      const first = await open();
      const ns = namespace();
      await first.write(key(ns, "s", "KEPT"), { from: "first" });
      await first.write(key(ns, "s", "GONE"), { from: "first" });
      await first.delete(key(ns, "s", "GONE"));

      // Opened while the first is still running, as a second process would be: nothing may be cached.
      const second = await open();
      expect(await second.read(key(ns, "s", "KEPT"))).toEqual({ from: "first" });
      expect(await second.has(key(ns, "s", "GONE"))).toBe(false);
      await second.write(key(ns, "s", "LATER"), { from: "second" });
      expect(await first.read(key(ns, "s", "LATER"))).toEqual({ from: "second" });

      await first.close?.();
      await second.close?.();
      const third = await open();
      expect(sortKeys(await third.keys(ns))).toEqual(sortKeys([key(ns, "s", "KEPT"), key(ns, "s", "LATER")]));
      expect(await third.read(key(ns, "s", "KEPT"))).toEqual({ from: "first" });
    },
  },
  {
    id: "TC-P21",
    title: "close() resolves, also twice; afterwards every operation rejects with a PersistError",
    async run({ open, namespace, key }) {
      const adapter = await open();
      if (adapter.close === undefined) return;
      const stored = key(namespace());
      await adapter.write(stored, 1);
      await adapter.close();
      await expect(adapter.close()).resolves.toBeUndefined();
      await expectRejection(adapter.read(stored), "PERSIST_ERROR", "read after close");
      await expectRejection(adapter.write(stored, 2), "PERSIST_ERROR", "write after close");
      await expectRejection(adapter.delete(stored), "PERSIST_ERROR", "delete after close");
      await expectRejection(adapter.has(stored), "PERSIST_ERROR", "has after close");
      await expectRejection(adapter.keys(stored.namespace), "PERSIST_ERROR", "keys after close");
    },
  },
];
