import { describe, expect, it } from "vitest";
import { formatPlainNumber } from "./format-plain-number.js";

describe("formatPlainNumber", () => {
  it.each([
    [0.1 + 0.2, "0.3"],
    [105573.73, "105573.73"],
    [1e-7, "0.0000001"],
    [1e-9, "0"],
    [42, "42"],
    [-0.000000001, "0"],
  ])("%d → %s", (value, text) => {
    expect(formatPlainNumber(value)).toBe(text);
  });
});
