import { describe, expect, it } from "vitest";
import { CandlewickError, InvalidArgumentError, PersistError } from "../errors/index.js";
import type { JsonValue } from "../spec/persist.js";
import { createMemoryPersist } from "./memory-persist.js";

const key = { namespace: "signals", strategyName: "sma-cross", symbol: "BTCUSDT" };

// The shared behaviour is covered by @candlewick/testkit's conformance suite, which runs against this
// adapter in packages/testkit; these cases pin what is specific to the in-memory reference adapter.
describe("createMemoryPersist", () => {
  it("is a v1 adapter named memory", () => {
    const persist = createMemoryPersist();
    expect(persist.specificationVersion).toBe("v1");
    expect(persist.name).toBe("memory");
  });

  it("keeps no reference to a written object", async () => {
    const persist = createMemoryPersist();
    const state = { position: "long", levels: [1, 2] };
    await persist.write(key, state);
    state.levels.push(3);
    state.position = "short";
    expect(await persist.read(key)).toEqual({ position: "long", levels: [1, 2] });
  });

  it("hands out a fresh copy on every read", async () => {
    const persist = createMemoryPersist();
    await persist.write(key, { levels: [1, 2] });
    const first = (await persist.read(key)) as { levels: number[] };
    first.levels.push(3);
    expect(await persist.read(key)).toEqual({ levels: [1, 2] });
    expect(await persist.read(key)).not.toBe(await persist.read(key));
  });

  it("keeps separate stores per instance", async () => {
    const first = createMemoryPersist();
    const second = createMemoryPersist();
    await first.write(key, 1);
    expect(await second.has(key)).toBe(false);
  });

  it("names the culprit of a value JSON would change", async () => {
    const persist = createMemoryPersist();
    const error = await persist
      .write(key, { levels: [1, Number.NaN] } as unknown as JsonValue)
      .catch((e) => e);
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect(error.field).toBe("value.levels[1]");
    expect(error.message).toContain("not NaN");
  });

  it("names a Map as such rather than by its empty JSON form", async () => {
    const persist = createMemoryPersist();
    const error = await persist.write(key, { seen: new Map() } as unknown as JsonValue).catch((e) => e);
    expect(error.message).toContain("not a Map");
  });

  it("drops undefined object properties as JSON does", async () => {
    const persist = createMemoryPersist();
    await persist.write(key, { note: undefined, open: true } as unknown as JsonValue);
    expect(Object.keys((await persist.read(key)) as object)).toEqual(["open"]);
  });

  it("rejects a key part with a path separator, naming the part", async () => {
    const persist = createMemoryPersist();
    const error = await persist.read({ ...key, strategyName: "a/b" }).catch((e) => e);
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect(error.message).toMatch(
      /^\[persist-memory\] "strategyName" is "a\/b"; expected 1 to 128 characters/,
    );
  });

  it("rejects every operation once closed", async () => {
    const persist = createMemoryPersist();
    await persist.write(key, 1);
    await persist.close?.();
    const error = await persist.read(key).catch((e) => e);
    expect(error).toBeInstanceOf(PersistError);
    expect(CandlewickError.isInstance(error)).toBe(true);
    await expect(persist.keys("signals")).rejects.toThrow(/closed/);
  });
});
