import { expect } from "vitest";
import type { PersistCase } from "./persist-case.js";
import { sortKeys } from "./sort-keys.js";

/** TC-P09…P13: keys() and the isolation of namespaces, strategies and symbols. */
export const keyListingCases: readonly PersistCase[] = [
  {
    id: "TC-P09",
    title: "keys(namespace) lists every key of the namespace across strategies, [] when empty",
    async run({ open, namespace, key }) {
      const adapter = await open();
      const ns = namespace();
      expect(await adapter.keys(ns)).toEqual([]);
      const written = [key(ns, "alpha", "BTCUSDT"), key(ns, "alpha", "ETHUSDT"), key(ns, "beta", "BTCUSDT")];
      for (const stored of written) await adapter.write(stored, { symbol: stored.symbol });
      expect(sortKeys(await adapter.keys(ns))).toEqual(sortKeys(written));
    },
  },
  {
    id: "TC-P10",
    title: "keys(namespace, strategyName) lists only that strategy's keys",
    async run({ open, namespace, key }) {
      const adapter = await open();
      const ns = namespace();
      await adapter.write(key(ns, "alpha", "BTCUSDT"), 1);
      await adapter.write(key(ns, "alpha", "ETHUSDT"), 2);
      await adapter.write(key(ns, "alpha-2", "SOLUSDT"), 3);
      await adapter.write(key(ns, "beta", "BTCUSDT"), 4);
      expect(sortKeys(await adapter.keys(ns, "alpha"))).toEqual([
        key(ns, "alpha", "BTCUSDT"),
        key(ns, "alpha", "ETHUSDT"),
      ]);
      expect(await adapter.keys(ns, "beta")).toEqual([key(ns, "beta", "BTCUSDT")]);
      expect(await adapter.keys(ns, "gamma")).toEqual([]);
    },
  },
  {
    id: "TC-P11",
    title: "namespaces are isolated: same strategy and symbol, independent values",
    async run({ open, namespace, key }) {
      const adapter = await open();
      const [first, second] = [namespace(), namespace()];
      await adapter.write(key(first), "first");
      await adapter.write(key(second), "second");
      expect(await adapter.read(key(first))).toBe("first");
      await adapter.delete(key(second));
      expect(await adapter.read(key(first))).toBe("first");
      expect(await adapter.keys(first)).toEqual([key(first)]);
      expect(await adapter.keys(second)).toEqual([]);
    },
  },
  {
    id: "TC-P12",
    title: "strategies are isolated within a namespace",
    async run({ open, namespace, key }) {
      const adapter = await open();
      const ns = namespace();
      await adapter.write(key(ns, "alpha", "BTCUSDT"), "alpha");
      await adapter.write(key(ns, "beta", "BTCUSDT"), "beta");
      expect(await adapter.read(key(ns, "alpha", "BTCUSDT"))).toBe("alpha");
      await adapter.delete(key(ns, "beta", "BTCUSDT"));
      expect(await adapter.read(key(ns, "alpha", "BTCUSDT"))).toBe("alpha");
      expect(await adapter.has(key(ns, "beta", "BTCUSDT"))).toBe(false);
    },
  },
  {
    id: "TC-P13",
    title: "symbols are isolated, including names that are prefixes of each other",
    async run({ open, namespace, key }) {
      const adapter = await open();
      const ns = namespace();
      const symbols = ["BTC", "BTCUSDT", "BTCUSDT.P", "BTCUSDT-PERP"];
      for (const symbol of symbols) await adapter.write(key(ns, "s", symbol), symbol);
      await adapter.delete(key(ns, "s", "BTC"));
      for (const symbol of symbols.slice(1)) expect(await adapter.read(key(ns, "s", symbol))).toBe(symbol);
      expect(sortKeys(await adapter.keys(ns, "s"))).toEqual(
        sortKeys(symbols.slice(1).map((s) => key(ns, "s", s))),
      );
    },
  },
];
