import { describe, expect, it } from "vitest";
import { PersistError } from "../errors/persist-error.js";
import type { PersistAdapter, PersistKey } from "../spec/persist.js";
import { toLegacyPersistKeyPart } from "./legacy-persist-key-part.js";
import { createMemoryPersist } from "./memory-persist.js";
import { classifyLegacyPart, openStateSlot } from "./state-slot.js";

// Keys spelled by hand: what the earlier encoding wrote (`_` left as it is) and what the current one uses.
const at = (strategyName: string, symbol: string): PersistKey => ({
  namespace: "signals",
  strategyName,
  symbol,
});

describe("openStateSlot and state written by the earlier key encoding", () => {
  it("resumes a name whose part changed (sma_cross) and moves its state on the next write", async () => {
    const persist = createMemoryPersist();
    await persist.write(at("sma_cross", "BTCUSDT"), { seq: 1 });
    const slot = openStateSlot(persist, "signals", { strategyName: "sma_cross", symbol: "BTCUSDT" });
    expect(slot.key).toEqual(at("sma_5Fcross", "BTCUSDT"));

    expect(await slot.read()).toEqual({ seq: 1 });
    // Reading alone moves nothing.
    expect(await persist.has(at("sma_cross", "BTCUSDT"))).toBe(true);
    await slot.write({ seq: 2 });
    expect(await persist.read(at("sma_5Fcross", "BTCUSDT"))).toEqual({ seq: 2 });
    expect(await persist.has(at("sma_cross", "BTCUSDT"))).toBe(false);
  });

  it("keeps the old state when the new write fails", async () => {
    const persist = createMemoryPersist();
    await persist.write(at("my_bot", "ETHUSDT"), { seq: 1 });
    const failing: PersistAdapter = {
      ...persist,
      async write() {
        throw new PersistError("memory", "disk full");
      },
    };
    const slot = openStateSlot(failing, "signals", { strategyName: "my_bot", symbol: "ETHUSDT" });
    expect(await slot.read()).toEqual({ seq: 1 });
    await expect(slot.write({ seq: 2 })).rejects.toThrow("disk full");
    expect(await persist.read(at("my_bot", "ETHUSDT"))).toEqual({ seq: 1 });
  });

  it("prefers state under the new key and leaves the old one alone", async () => {
    const persist = createMemoryPersist();
    await persist.write(at("sma_cross", "BTCUSDT"), { old: true });
    await persist.write(at("sma_5Fcross", "BTCUSDT"), { current: true });
    const slot = openStateSlot(persist, "signals", { strategyName: "sma_cross", symbol: "BTCUSDT" });
    expect(await slot.read()).toEqual({ current: true });
    await slot.write({ current: 2 });
    expect(await persist.read(at("sma_cross", "BTCUSDT"))).toEqual({ old: true });
  });

  it("never gives BTC/USDT's state to the literal symbol BTC_2FUSDT (the issue's collision)", async () => {
    const persist = createMemoryPersist();
    // Both names were stored here before; `BTC/USDT`'s part is unchanged, so the state stays its own.
    await persist.write(at("sma", "BTC_2FUSDT"), { position: "long" });
    const literal = openStateSlot(persist, "signals", { strategyName: "sma", symbol: "BTC_2FUSDT" });
    const slash = openStateSlot(persist, "signals", { strategyName: "sma", symbol: "BTC/USDT" });
    expect(literal.key).toEqual(at("sma", "BTC_5F2FUSDT"));
    expect(await literal.read()).toBeUndefined();
    expect(await slash.read()).toEqual({ position: "long" });
    await literal.write({ position: "short" });
    expect(await slash.read()).toEqual({ position: "long" });
    // Likewise sma:fast=10 and the literal strategy name sma_3Afast_3D10.
    await persist.write(at("sma_3Afast_3D10", "BTCUSDT"), { fast: 10 });
    const literalStrategy = openStateSlot(persist, "signals", {
      strategyName: "sma_3Afast_3D10",
      symbol: "BTCUSDT",
    });
    expect(await literalStrategy.read()).toBeUndefined();
    expect(
      await openStateSlot(persist, "signals", { strategyName: "sma:fast=10", symbol: "BTCUSDT" }).read(),
    ).toEqual({
      fast: 10,
    });
  });

  it("refuses state that several names may have written, naming where it is and where it goes", async () => {
    const persist = createMemoryPersist();
    // `_x` and the literal `x_5Fx` were both stored as x_5Fx; neither may take it silently.
    await persist.write(at("s", "x_5Fx"), { whose: "?" });
    for (const symbol of ["_x", "x_5Fx"]) {
      const error = await openStateSlot(persist, "signals", { strategyName: "s", symbol })
        .read()
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(PersistError);
      expect((error as PersistError).location).toBe("signals/s/x_5Fx");
      expect((error as PersistError).message).toContain(JSON.stringify(symbol));
    }
    const error = await openStateSlot(persist, "signals", { strategyName: "s", symbol: "_x" })
      .read()
      .catch((caught: unknown) => caught);
    expect((error as Error).message).toContain("for this one that is signals/s/x__5Fx");
    expect(await persist.read(at("s", "x_5Fx"))).toEqual({ whose: "?" });
    // With nothing stored there, the same names simply start empty.
    expect(
      await openStateSlot(persist, "signals", { strategyName: "s2", symbol: "_x" }).read(),
    ).toBeUndefined();
  });

  it("returns a stored JSON null as null, not as 'nothing stored'", async () => {
    const persist = createMemoryPersist();
    await persist.write(at("plain", "BTCUSDT"), null);
    const slot = openStateSlot(persist, "signals", { strategyName: "plain", symbol: "BTCUSDT" });
    expect(await slot.read()).toBeNull();
    expect(
      await openStateSlot(persist, "signals", { strategyName: "plain", symbol: "ETHUSDT" }).read(),
    ).toBeUndefined();
  });

  it("lets at most one name claim any legacy part, over 20,000 random names and their legacy spellings", () => {
    let state = 7;
    const next = () => {
      state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
      return state / 4_294_967_296;
    };
    const alphabet = [..."___xxAF09ab/:.-", "é", "\uD800"];
    const names = new Set<string>();
    for (let i = 0; i < 20_000; i++) {
      let name = "";
      const length = 1 + Math.floor(next() * 10);
      for (let k = 0; k < length; k++) name += alphabet[Math.floor(next() * alphabet.length)];
      names.add(name);
      // The literal name spelled like the legacy part always mapped there too: include it.
      names.add(toLegacyPersistKeyPart(name));
    }
    const groups = new Map<string, string[]>();
    for (const name of names) {
      const part = toLegacyPersistKeyPart(name);
      groups.set(part, [...(groups.get(part) ?? []), name]);
    }
    let shared = 0;
    for (const [part, group] of groups) {
      const claimers = group.filter((name) => ["same", "sole"].includes(classifyLegacyPart(name)));
      expect(claimers.length, `${part}: ${JSON.stringify(group)}`).toBeLessThanOrEqual(1);
      const sole = group.filter((name) => classifyLegacyPart(name) === "sole");
      if (sole.length > 0) expect(group, part).toEqual(sole);
      if (group.length > 1) shared++;
    }
    // Enough legacy collisions in the sample for the check to mean something.
    expect(shared).toBeGreaterThan(500);
  });
});
