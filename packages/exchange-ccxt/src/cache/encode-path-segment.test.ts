import { describe, expect, it } from "vitest";
import { decodePathSegment, encodePathSegment } from "./encode-path-segment.js";

describe("encodePathSegment", () => {
  it.each([
    ["BTC/USDT", "BTC_USDT"],
    ["BTC/USDT:USDT", "BTC_USDT__USDT"],
    ["BTC/USDT:USDT-250926", "BTC_USDT__USDT-250926"],
    ["1000PEPE/USDT", "1000PEPE_USDT"],
    ["A_B/C", "A%5FB_C"],
    ["..", "%2E."],
    ["../../etc", "%2E._.._etc"],
    ["€/USD", "%E2%82%AC_USD"],
  ])("%s ↔ %s", (symbol, segment) => {
    expect(encodePathSegment(symbol)).toBe(segment);
    expect(decodePathSegment(segment)).toBe(symbol);
  });

  it("never produces a separator or a dot-only name", () => {
    for (const symbol of ["a/b", "a\\b", ".", "..", "a:b/c"]) {
      const segment = encodePathSegment(symbol);
      expect(segment).not.toMatch(/[/\\]/);
      expect(segment).not.toMatch(/^\.+$/);
    }
  });
});
