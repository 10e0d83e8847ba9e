import { toPersistKeyPart } from "@candlewick/core";
import { expect } from "vitest";
import type { PersistCase } from "./persist-case.js";
import { sortKeys } from "./sort-keys.js";

/**
 * Key parts that look alike once escaping is involved: core's encoding of `BTC/USDT`, of the literal
 * `BTC_2FUSDT`, of `_x`, ... An adapter that re-encodes, normalizes or decodes parts would merge some of them.
 */
const LOOKALIKE_PARTS = [
  "BTC_2FUSDT",
  "BTC_5F2FUSDT",
  "x_5Fx",
  "x__5Fx",
  "x_x_5F5Fx",
  "sma_3Afast_3D10",
  "sma_5F3Afast_5F3D10",
  "a.b",
  "a_2Eb",
  "a-b",
  "a_2Db",
  "a_b",
];

/** Names from issue 9 whose parts once collided. */
const ONCE_COLLIDING_NAMES = ["BTC/USDT", "BTC_2FUSDT", "sma:fast=10", "sma_3Afast_3D10", "_x", "x_5Fx"];

/** TC-P22: distinct key parts are distinct entities, and names mapped by core's encoding stay apart. */
export const keyInjectivityCases: readonly PersistCase[] = [
  {
    id: "TC-P22",
    title: "key parts that differ only in escape-like sequences are distinct entities, listed as written",
    async run({ open, namespace, key }) {
      const adapter = await open();
      const ns = namespace();
      const written = [
        ...LOOKALIKE_PARTS.map((symbol) => key(ns, "lookalike", symbol)),
        ...LOOKALIKE_PARTS.map((strategyName) => key(ns, strategyName, "BTCUSDT")),
        ...ONCE_COLLIDING_NAMES.map((name) => key(ns, toPersistKeyPart(name), toPersistKeyPart(name))),
      ];
      for (const stored of written)
        await adapter.write(stored, { strategy: stored.strategyName, symbol: stored.symbol });
      for (const stored of written) {
        expect(await adapter.read(stored)).toEqual({ strategy: stored.strategyName, symbol: stored.symbol });
      }
      expect(sortKeys(await adapter.keys(ns))).toEqual(sortKeys(written));
    },
  },
];
