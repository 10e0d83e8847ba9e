import { expect } from "vitest";
import type { PersistCase } from "./persist-case.js";
import { sortKeys } from "./sort-keys.js";

/** A value large enough that a torn or interleaved write would show, tagged with its sequence number. */
function tagged(seq: number) {
  return { seq, payload: Array.from({ length: 512 }, () => seq) };
}

/** TC-P14…P16: concurrent and repeated writes. */
export const concurrencyCases: readonly PersistCase[] = [
  {
    id: "TC-P14",
    title: "concurrent writes to different keys all land",
    async run({ open, namespace, key }) {
      const adapter = await open();
      const ns = namespace();
      const written = Array.from({ length: 40 }, (_, i) => key(ns, i % 2 ? "odd" : "even", `SYM${i}`));
      await Promise.all(written.map((stored, i) => adapter.write(stored, tagged(i))));
      const values = await Promise.all(written.map((stored) => adapter.read(stored)));
      expect(values).toEqual(written.map((_, i) => tagged(i)));
      expect(sortKeys(await adapter.keys(ns))).toEqual(sortKeys(written));
    },
  },
  {
    id: "TC-P15",
    title: "many sequential overwrites of one key end in the last value",
    async run({ open, namespace, key }) {
      const adapter = await open();
      const stored = key(namespace());
      for (let seq = 0; seq < 200; seq += 1) await adapter.write(stored, { seq });
      expect(await adapter.read(stored)).toEqual({ seq: 199 });
      expect(await adapter.keys(stored.namespace)).toEqual([stored]);
    },
  },
  {
    id: "TC-P16",
    title: "overlapping writes to one key end in the last one issued, never a mix",
    async run({ open, namespace, key }) {
      const adapter = await open();
      const stored = key(namespace());
      await Promise.all(Array.from({ length: 50 }, (_, seq) => adapter.write(stored, tagged(seq))));
      expect(await adapter.read(stored)).toEqual(tagged(49));
    },
  },
];
