import type { JsonValue, PersistAdapter, PersistKey } from "@candlewick/core";
import { expect } from "vitest";
import { expectRejection } from "./expect-rejection.js";
import type { PersistCase } from "./persist-case.js";

/**
 * Key parts every adapter must refuse: each would escape a directory, collide with a separator of some
 * store, or be silently truncated. The accepted rule is 1 to 128 characters from `A-Z a-z 0-9 . _ -`,
 * starting with a letter or a digit.
 */
const BAD_PARTS: readonly unknown[] = [
  "",
  ".",
  "..",
  "../escape",
  "a/b",
  "/abs",
  "a\\b",
  "a\u0000b",
  "a:b",
  "a*",
  "x".repeat(129),
  42,
  undefined,
];

/** Edge cases of the rule that every adapter must accept. */
const GOOD_PARTS = ["x".repeat(128), "1000PEPEUSDT", "my-strategy_v2.1", "a..b", "Z"];

class NotPlain {
  readonly kept = 1;
}
const circular: Record<string, unknown> = { name: "loop" };
circular.self = circular;

/** Values JSON cannot store faithfully: JSON.stringify would throw, drop them or change them. */
const NOT_JSON: ReadonlyArray<[string, unknown]> = [
  ["undefined", undefined],
  ["a function", () => 1],
  ["a symbol", Symbol("s")],
  ["a bigint", 10n],
  ["NaN", Number.NaN],
  ["Infinity", Number.POSITIVE_INFINITY],
  ["a Date", new Date(0)],
  ["a Map", new Map([["a", 1]])],
  ["a Set", new Set([1])],
  ["a class instance", new NotPlain()],
  ["a circular object", circular],
  ["a nested function", { deep: { fn: () => 1 } }],
  ["undefined in an array", [1, undefined]],
  ["-Infinity in an array", [Number.NEGATIVE_INFINITY]],
];

const PARTS = ["namespace", "strategyName", "symbol"] as const;

function operations(adapter: PersistAdapter, key: PersistKey): Array<[string, () => Promise<unknown>]> {
  return [
    ["read", () => adapter.read(key)],
    ["write", () => adapter.write(key, { written: true })],
    ["delete", () => adapter.delete(key)],
    ["has", () => adapter.has(key)],
  ];
}

/** TC-P17…P19: bad keys and bad values are refused before they reach storage. */
export const validationCases: readonly PersistCase[] = [
  {
    id: "TC-P17",
    title: "rejects bad key parts with an InvalidArgumentError naming the part, storing nothing",
    async run({ open, namespace, key }) {
      const adapter = await open();
      const ns = namespace();
      for (const part of PARTS) {
        for (const bad of BAD_PARTS) {
          const badKey = { ...key(ns), [part]: bad } as PersistKey;
          for (const [operation, call] of operations(adapter, badKey)) {
            const what = `${operation} with ${part} ${JSON.stringify(bad)}`;
            const error = await expectRejection(call(), "INVALID_ARGUMENT", what);
            expect(error.details.field, `${what}: the error names the part`).toBe(part);
          }
        }
      }
      for (const bad of BAD_PARTS) {
        const what = `keys(${JSON.stringify(bad)})`;
        const onNamespace = await expectRejection(adapter.keys(bad as string), "INVALID_ARGUMENT", what);
        expect(onNamespace.details.field).toBe("namespace");
        // An undefined strategyName means "every strategy", so it is only a bad namespace.
        if (bad === undefined) continue;
        const onStrategy = await expectRejection(adapter.keys(ns, bad as string), "INVALID_ARGUMENT", what);
        expect(onStrategy.details.field).toBe("strategyName");
      }
      expect(await adapter.keys(ns)).toEqual([]);
    },
  },
  {
    id: "TC-P18",
    title: "accepts key parts at the edges of the rule",
    async run({ open, namespace, key }) {
      const adapter = await open();
      const ns = namespace();
      for (const good of GOOD_PARTS) {
        await adapter.write(key(ns, good, good), good);
        expect(await adapter.read(key(ns, good, good))).toBe(good);
        expect(await adapter.keys(ns, good)).toEqual([key(ns, good, good)]);
      }
    },
  },
  {
    id: "TC-P19",
    title:
      "rejects values that are not JSON-serialisable with an InvalidArgumentError, keeping the old value",
    async run({ open, namespace, key }) {
      const adapter = await open();
      const stored = key(namespace());
      await adapter.write(stored, { kept: true });
      for (const [label, value] of NOT_JSON) {
        await expectRejection(
          adapter.write(stored, value as JsonValue),
          "INVALID_ARGUMENT",
          `write of ${label}`,
        );
      }
      expect(await adapter.read(stored)).toEqual({ kept: true });
      const fresh = key(stored.namespace, "s", "NEVER");
      await expectRejection(
        adapter.write(fresh, Number.NaN),
        "INVALID_ARGUMENT",
        "write of NaN to a new key",
      );
      expect(await adapter.has(fresh)).toBe(false);
    },
  },
];
