import { describe, expect, it } from "vitest";
import { JsonTextMemo } from "./json-text-memo.js";

// The memo's text is checked against JSON.stringify itself, over long random walks of values that change a little
// at a time, as a live state does, and now and then a lot (types, keys, order, lengths).

/** A small seeded PRNG (mulberry32), so a failure replays. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const LEAVES: unknown[] = [
  0,
  -0,
  1,
  0.1,
  117697.32974999999,
  1e21,
  -5e-7,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  "",
  "a",
  'q"uote\\',
  "\u0001ctl",
  "é",
  true,
  false,
  null,
  undefined,
  () => 1,
  Symbol("s"),
  new Date(Date.UTC(2024, 0, 1)),
  { toJSON: () => ({ wrapped: [1, 2] }) },
];
const KEYS = ["phase", "scanFrom", "signal", "entries", "a", "1", "0", "b c", 'k"ey'];

function randomValue(random: () => number, depth: number): unknown {
  const pick = random();
  if (depth <= 0 || pick < 0.5) return LEAVES[Math.floor(random() * LEAVES.length)];
  if (pick < 0.7)
    return Array.from({ length: Math.floor(random() * 4) }, () => randomValue(random, depth - 1));
  const object: Record<string, unknown> = {};
  for (const key of KEYS) if (random() < 0.4) object[key] = randomValue(random, depth - 1);
  return object;
}

/** A copy of `value` with one part changed (a leaf, an item, a key added or removed), or none. */
function mutate(value: unknown, random: () => number, depth: number): unknown {
  if (random() < 0.15) return randomValue(random, depth);
  if (Array.isArray(value)) {
    const copy = value.slice();
    if (copy.length > 0 && random() < 0.7) {
      const i = Math.floor(random() * copy.length);
      copy[i] = mutate(copy[i], random, depth - 1);
    } else if (random() < 0.5) copy.push(randomValue(random, depth - 1));
    else copy.pop();
    return copy;
  }
  if (typeof value === "object" && value !== null && !(value instanceof Date) && !("toJSON" in value)) {
    const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
    const keys = Object.keys(copy);
    if (keys.length > 0 && random() < 0.7) {
      const key = keys[Math.floor(random() * keys.length)]!;
      copy[key] = mutate(copy[key], random, depth - 1);
    } else if (keys.length > 0 && random() < 0.5) delete copy[keys[Math.floor(random() * keys.length)]!];
    else copy[KEYS[Math.floor(random() * KEYS.length)]!] = randomValue(random, depth - 1);
    return copy;
  }
  return LEAVES[Math.floor(random() * LEAVES.length)];
}

describe("JsonTextMemo", () => {
  it("gives exactly JSON.stringify's text at every step of 200 random walks of 200 steps", () => {
    let changes = 0;
    let unchanged = 0;
    for (let walk = 0; walk < 200; walk++) {
      const random = prng(walk + 1);
      const memo = new JsonTextMemo();
      let value: unknown = { root: randomValue(random, 4) };
      let previous: string | undefined;
      for (let step = 0; step < 200; step++) {
        const changed = memo.update(value);
        const expected = JSON.stringify(value);
        expect(memo.text).toBe(expected);
        // `changed` is exact: true on the first step and whenever the text differs, false otherwise.
        expect(changed).toBe(previous === undefined || previous !== expected);
        if (changed) changes++;
        else unchanged++;
        previous = expected;
        // The top stays an object, as a state is (JSON.stringify(undefined) is no text at all).
        value = random() < 0.2 ? value : { root: mutate((value as { root: unknown }).root, random, 4) };
      }
    }
    // Both branches were exercised many times.
    expect(changes).toBeGreaterThan(5000);
    expect(unchanged).toBeGreaterThan(5000);
  });

  it("follows a live state as its numbers move, and says when nothing did", () => {
    const memo = new JsonTextMemo();
    const state = (scanFrom: number, best: number) => ({
      version: 1,
      runner: {
        phase: "opened",
        signal: { priceOpen: 117579.75, entries: [{ fee: 0.1 }] },
        scanFrom,
        note: undefined,
      },
      extremes: { best, worst: 117579.75 },
    });
    expect(memo.update(state(1, 2.5))).toBe(true);
    expect(memo.text).toBe(
      '{"version":1,"runner":{"phase":"opened","signal":{"priceOpen":117579.75,"entries":[{"fee":0.1}]},"scanFrom":1},"extremes":{"best":2.5,"worst":117579.75}}',
    );
    expect(memo.update(state(1, 2.5))).toBe(false);
    expect(memo.update(state(2, 2.5))).toBe(true);
    expect(memo.text).toContain('"scanFrom":2}');
  });
});
