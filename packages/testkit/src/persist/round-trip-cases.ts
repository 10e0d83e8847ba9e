import type { JsonValue } from "@candlewick/core";
import { expect } from "vitest";
import type { PersistCase } from "./persist-case.js";

/** Nested JSON with the values that most often break a store: unicode, escapes, extreme numbers, empties. */
const NESTED: JsonValue = {
  text: "plain",
  unicode: "₿ — 日本語 — 🚀",
  escapes: 'quote " backslash \\ newline \n tab \t',
  integer: 42,
  negative: -17,
  float: 0.1 + 0.2,
  maxSafe: Number.MAX_SAFE_INTEGER,
  tiny: 5e-324,
  huge: 1.5e300,
  yes: true,
  no: false,
  nothing: null,
  emptyObject: {},
  emptyArray: [],
  "key with spaces": 1,
  "": "empty property name",
  list: [1, "two", { three: [3] }, [4, [5]], null],
  deep: { a: { b: { c: { d: { e: "bottom" } } } } },
};

/** TC-P01…P05: what goes in comes out, and only that. */
export const roundTripCases: readonly PersistCase[] = [
  {
    id: "TC-P01",
    title: "declares specificationVersion v1 and a name",
    async run({ open }) {
      const adapter = await open();
      expect(adapter.specificationVersion).toBe("v1");
      expect(typeof adapter.name).toBe("string");
      expect(adapter.name.length).toBeGreaterThan(0);
    },
  },
  {
    id: "TC-P02",
    title: "round-trips nested JSON and top-level scalars unchanged",
    async run({ open, namespace, key }) {
      const adapter = await open();
      const ns = namespace();
      await adapter.write(key(ns, "s", "NESTED"), NESTED);
      expect(await adapter.read(key(ns, "s", "NESTED"))).toEqual(NESTED);
      const scalars: JsonValue[] = ["text", 0, -1.25, true, false, [], {}];
      for (const [index, value] of scalars.entries()) {
        await adapter.write(key(ns, "s", `SCALAR${index}`), value);
        expect(await adapter.read(key(ns, "s", `SCALAR${index}`))).toEqual(value);
      }
    },
  },
  {
    id: "TC-P03",
    title: "stores null as a value, distinct from a missing key",
    async run({ open, namespace, key }) {
      const adapter = await open();
      const stored = key(namespace());
      await adapter.write(stored, null);
      expect(await adapter.read(stored)).toBeNull();
      expect(await adapter.has(stored)).toBe(true);
    },
  },
  {
    id: "TC-P04",
    title: "an overwrite replaces the whole value (no merge)",
    async run({ open, namespace, key }) {
      const adapter = await open();
      const stored = key(namespace());
      await adapter.write(stored, { a: 1, b: { c: 2 } });
      await adapter.write(stored, { b: { d: 3 } });
      expect(await adapter.read(stored)).toEqual({ b: { d: 3 } });
      await adapter.write(stored, [1, 2]);
      expect(await adapter.read(stored)).toEqual([1, 2]);
    },
  },
  {
    id: "TC-P05",
    title: "reading a missing key gives null and has() false",
    async run({ open, namespace, key }) {
      const adapter = await open();
      const missing = key(namespace(), "never-written", "NOPE");
      expect(await adapter.read(missing)).toBeNull();
      expect(await adapter.has(missing)).toBe(false);
    },
  },
];
