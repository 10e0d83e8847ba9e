import { expect } from "vitest";
import type { PersistCase } from "./persist-case.js";

/** TC-P06…P08: delete and has. */
export const deleteCases: readonly PersistCase[] = [
  {
    id: "TC-P06",
    title: "delete removes the value: read null, has false, gone from keys",
    async run({ open, namespace, key }) {
      const adapter = await open();
      const ns = namespace();
      await adapter.write(key(ns, "s", "GONE"), { open: true });
      await adapter.write(key(ns, "s", "KEPT"), { open: true });
      await adapter.delete(key(ns, "s", "GONE"));
      expect(await adapter.read(key(ns, "s", "GONE"))).toBeNull();
      expect(await adapter.has(key(ns, "s", "GONE"))).toBe(false);
      expect(await adapter.keys(ns)).toEqual([key(ns, "s", "KEPT")]);
      expect(await adapter.read(key(ns, "s", "KEPT"))).toEqual({ open: true });
    },
  },
  {
    id: "TC-P07",
    title: "deleting a missing key resolves, also twice in a row",
    async run({ open, namespace, key }) {
      const adapter = await open();
      const missing = key(namespace(), "never-written", "NOPE");
      await expect(adapter.delete(missing)).resolves.toBeUndefined();
      await adapter.write(missing, 1);
      await adapter.delete(missing);
      await expect(adapter.delete(missing)).resolves.toBeUndefined();
    },
  },
  {
    id: "TC-P08",
    title: "has() is true exactly while a value is stored",
    async run({ open, namespace, key }) {
      const adapter = await open();
      const stored = key(namespace());
      expect(await adapter.has(stored)).toBe(false);
      await adapter.write(stored, false);
      expect(await adapter.has(stored)).toBe(true);
      await adapter.write(stored, 0);
      expect(await adapter.has(stored)).toBe(true);
      await adapter.delete(stored);
      expect(await adapter.has(stored)).toBe(false);
    },
  },
];
