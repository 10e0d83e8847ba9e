import { describe, expect, it } from "vitest";
import { isPersistKeyPart } from "./assert-persist-key.js";
import { fromPersistKeyPart, isShortenedPart, toPersistKeyPart } from "./persist-key-part.js";

/** Deterministic PRNG (mulberry32), so a failing string can be reproduced from the seed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

// Heavy on the characters the encoding itself uses (`_`, hex digits, the `x` prefix), so near-collisions are common.
const ALPHABET = [
  ..."_____xxAF0259aBf/:=.-",
  "é",
  "€",
  "😀",
  "\uD800", // lone high surrogate
  "\uDC00", // lone low surrogate
  "\uFFFD", // what a lone surrogate becomes in plain UTF-8: must not collide with one
  "\u0000",
  " ",
];

function randomName(next: () => number, maxLength: number): string {
  const length = 1 + Math.floor(next() * maxLength);
  let name = "";
  for (let i = 0; i < length; i++) name += ALPHABET[Math.floor(next() * ALPHABET.length)];
  return name;
}

describe("toPersistKeyPart", () => {
  it("keeps plain names as they are", () => {
    for (const name of ["BTCUSDT", "sma-cross", "ETH-USDT", "1000PEPEUSDT", "a.b", "Z"]) {
      expect(toPersistKeyPart(name)).toBe(name);
    }
  });

  it("escapes every other byte as _XX, the escape character itself included (values by hand)", () => {
    expect(toPersistKeyPart("BTC/USDT")).toBe("BTC_2FUSDT");
    expect(toPersistKeyPart("sma:fast=10")).toBe("sma_3Afast_3D10");
    expect(toPersistKeyPart("sma_cross")).toBe("sma_5Fcross");
    expect(toPersistKeyPart("é")).toBe("x__C3_A9");
    // A first character that is not a letter or a digit is escaped, and `x_` marks the escape as a prefix.
    expect(toPersistKeyPart(".hidden")).toBe("x__2Ehidden");
    expect(toPersistKeyPart("\uD800")).toBe("x__ED_A0_80");
    // So does a part that would start with `x_`: an unprefixed part never starts with `x_`.
    expect(toPersistKeyPart("x/y")).toBe("x_x_2Fy");
    expect(toPersistKeyPart("x_y")).toBe("x_x_5Fy");
    expect(toPersistKeyPart("xy/")).toBe("xy_2F");
  });

  it("gives the issue's colliding pairs distinct parts", () => {
    const pairs: Array<[string, string, string, string]> = [
      ["BTC/USDT", "BTC_2FUSDT", "BTC_2FUSDT", "BTC_5F2FUSDT"],
      ["sma:fast=10", "sma_3Afast_3D10", "sma_3Afast_3D10", "sma_5F3Afast_5F3D10"],
      ["_x", "x_5Fx", "x__5Fx", "x_x_5F5Fx"],
    ];
    for (const [a, b, partA, partB] of pairs) {
      expect(toPersistKeyPart(a)).toBe(partA);
      expect(toPersistKeyPart(b)).toBe(partB);
    }
  });

  it("round-trips and never maps two names onto one part (20,000 random names)", () => {
    const next = random(9);
    const owner = new Map<string, string>();
    let shortened = 0;
    for (let i = 0; i < 20_000; i++) {
      const name = randomName(next, 40);
      const part = toPersistKeyPart(name);
      expect(isPersistKeyPart(part), JSON.stringify(name)).toBe(true);
      if (isShortenedPart(part)) {
        shortened++;
        expect(fromPersistKeyPart(part)).toBeUndefined();
      } else {
        expect(fromPersistKeyPart(part), JSON.stringify(name)).toBe(name);
      }
      const seen = owner.get(part);
      if (seen !== undefined) expect(seen, `${JSON.stringify(name)} -> ${part}`).toBe(name);
      owner.set(part, name);
    }
    // The generator must actually produce near-misses, or the test proves little.
    expect(owner.size).toBeGreaterThan(15_000);
    expect(shortened).toBeGreaterThan(100);
    expect(shortened).toBeLessThan(10_000);
  });

  it("shortens an overlong name to a readable prefix and a hash that no full encoding can equal", () => {
    const long = `${"a".repeat(200)}/1`;
    const other = `${"a".repeat(200)}/2`;
    const part = toPersistKeyPart(long);
    expect(part).toHaveLength(128);
    expect(isPersistKeyPart(part)).toBe(true);
    expect(part.startsWith("a".repeat(90))).toBe(true);
    expect(part).not.toBe(toPersistKeyPart(other));
    // The hashed part cannot be decoded, and the part of a name spelled like it is different.
    expect(fromPersistKeyPart(part)).toBeUndefined();
    expect(toPersistKeyPart(part)).not.toBe(part);
    // 128 characters once encoded is still full; 129 is hashed.
    expect(toPersistKeyPart("b".repeat(128))).toBe("b".repeat(128));
    expect(toPersistKeyPart("b".repeat(129))).toHaveLength(128);
    expect(toPersistKeyPart("b".repeat(129))).not.toBe("b".repeat(128));
  });

  it("decodes only parts it produces", () => {
    expect(fromPersistKeyPart("sma_cross")).toBeUndefined(); // a bare `_` is never produced
    expect(fromPersistKeyPart("a_41")).toBeUndefined(); // `A` is never escaped
    expect(fromPersistKeyPart("BTC_2fUSDT")).toBeUndefined(); // lower-case hex is never produced
    expect(fromPersistKeyPart("x__ED_A0_80_ED_B0_80")).toBeUndefined(); // a surrogate pair is one code point
    expect(fromPersistKeyPart("x__F0_9F_98_80")).toBe("😀");
    expect(fromPersistKeyPart("x_5Fx")).toBeUndefined(); // the earlier encoding's part of `_x`
    expect(fromPersistKeyPart("x_2Ehidden")).toBeUndefined(); // and of `.hidden`
  });
});
