import { describe, expect, it } from "vitest";
import { erf, logErfc, logNormalInterval } from "./normal-distribution.js";

/** Simpson's rule: an integration independent of erf. */
function simpson(f: (x: number) => number, from: number, to: number, intervals = 4000): number {
  const h = (to - from) / intervals;
  let sum = f(from) + f(to);
  for (let index = 1; index < intervals; index++) sum += (index % 2 === 1 ? 4 : 2) * f(from + index * h);
  return (sum * h) / 3;
}
const phi = (z: number) => Math.exp((-z * z) / 2) / Math.sqrt(2 * Math.PI);

describe("normal tails", () => {
  it("matches published values of erf and erfc", () => {
    // Abramowitz & Stegun table 7.1 and standard references, to 15 digits.
    expect(erf(0.5)).toBeCloseTo(0.520499877813047, 14);
    expect(erf(1)).toBeCloseTo(0.842700792949715, 14);
    expect(erf(2)).toBeCloseTo(0.995322265018953, 14);
    expect(erf(-1)).toBeCloseTo(-0.842700792949715, 14);
    expect(Math.exp(logErfc(3)) / 2.20904969985854e-5).toBeCloseTo(1, 12);
    expect(Math.exp(logErfc(5)) / 1.53745979442803e-12).toBeCloseTo(1, 12);
    expect(Math.exp(logErfc(10)) / 2.08848758376254e-45).toBeCloseTo(1, 12);
  });

  it("gives interval probabilities equal to integrating the density", () => {
    for (const [a, b] of [
      [-1, 1],
      [0.2, 0.7],
      [-3.5, -2.9],
      [2.5, 6],
      [-0.3, 8],
    ] as const) {
      expect(Math.exp(logNormalInterval(a, b))).toBeCloseTo(simpson(phi, a, b), 12);
    }
  });

  it("stays finite far out in the tails, where the probabilities underflow", () => {
    // ln P(40 < Z < 41) ≈ ln φ(40)/40 (Mills ratio; the upper end adds nothing at this precision).
    const expected = -800 - 0.5 * Math.log(2 * Math.PI) - Math.log(40) + Math.log1p(-1 / 1600);
    expect(logNormalInterval(40, 41)).toBeCloseTo(expected, 5);
    expect(logNormalInterval(-41, -40)).toBeCloseTo(expected, 5);
    expect(logNormalInterval(1, 1)).toBe(Number.NEGATIVE_INFINITY);
  });
});
