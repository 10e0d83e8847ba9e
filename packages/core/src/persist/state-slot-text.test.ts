import { describe, expect, it } from "vitest";
import type { JsonValue, PersistAdapter, PersistKey } from "../spec/persist.js";
import { jsonTextWriteOf } from "./json-text-write.js";
import { createMemoryPersist } from "./memory-persist.js";
import { openStateSlot } from "./state-slot.js";

const key = (strategyName: string, symbol: string): PersistKey => ({
  namespace: "signals",
  strategyName,
  symbol,
});
// Written by hand: what JSON.stringify makes of { seq: 2, fills: [{ price: 0.1 }], note: null }.
const TEXT = '{"seq":2,"fills":[{"price":0.1}],"note":null}';
const VALUE = { seq: 2, fills: [{ price: 0.1 }], note: null };

describe("StateSlot.writeText", () => {
  it("stores the text on the memory adapter: read gives the value, as after write(JSON.parse(text))", async () => {
    const persist = createMemoryPersist();
    expect(jsonTextWriteOf(persist)).toBeTypeOf("function");
    const slot = openStateSlot(persist, "signals", { strategyName: "sma", symbol: "BTCUSDT" });
    await slot.writeText(TEXT);
    expect(await persist.read(key("sma", "BTCUSDT"))).toEqual(VALUE);
    expect(await persist.keys("signals")).toEqual([key("sma", "BTCUSDT")]);
  });

  it("goes through write with the parsed value on adapters without a text write", async () => {
    const persist = createMemoryPersist();
    const written: JsonValue[] = [];
    const other: PersistAdapter = {
      ...persist,
      async write(at, value) {
        written.push(value);
        await persist.write(at, value);
      },
    };
    expect(jsonTextWriteOf(other)).toBeUndefined();
    await openStateSlot(other, "signals", { strategyName: "sma", symbol: "BTCUSDT" }).writeText(TEXT);
    expect(written).toEqual([VALUE]);
  });

  it("uses a memory adapter's write once it was replaced (a spy), even after the slot opened", async () => {
    const persist = createMemoryPersist();
    const slot = openStateSlot(persist, "signals", { strategyName: "sma", symbol: "BTCUSDT" });
    const original = persist.write;
    const written: JsonValue[] = [];
    persist.write = async (at, value) => {
      written.push(value);
      await original(at, value);
    };
    await slot.writeText(TEXT);
    expect(written).toEqual([VALUE]);
  });

  it("moves legacy state like write: the legacy key is deleted once the text is stored", async () => {
    const persist = createMemoryPersist();
    await persist.write(key("sma_cross", "BTCUSDT"), { seq: 1 });
    const slot = openStateSlot(persist, "signals", { strategyName: "sma_cross", symbol: "BTCUSDT" });
    expect(await slot.read()).toEqual({ seq: 1 });
    await slot.writeText(TEXT);
    expect(await persist.read(key("sma_5Fcross", "BTCUSDT"))).toEqual(VALUE);
    expect(await persist.has(key("sma_cross", "BTCUSDT"))).toBe(false);
  });

  it("refuses a bad key and a closed adapter as write does", async () => {
    const persist = createMemoryPersist();
    const writeText = jsonTextWriteOf(persist)!;
    await expect(writeText({ namespace: "signals", strategyName: "a/b", symbol: "X" }, TEXT)).rejects.toThrow(
      /strategyName/,
    );
    await persist.close?.();
    await expect(writeText(key("sma", "BTCUSDT"), TEXT)).rejects.toThrow(/closed/);
  });
});
