import { describe, expect, it } from "vitest";
import { strategyVariantName } from "./strategy-variant-name.js";

describe("strategyVariantName", () => {
  it("is the base alone without parameters", () => {
    expect(strategyVariantName("rsi", {})).toBe("rsi");
  });

  it("sorts keys and prints values without separators inside them", () => {
    expect(strategyVariantName("s", { z: 0.5, a: true, m: "x,y=z:w", o: [1, 2] })).toBe(
      "s:a=true,m=x%2Cy%3Dz%3Aw,o=%5B1%2C2%5D,z=0.5",
    );
  });
});
