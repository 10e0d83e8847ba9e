import { describe, expect, it } from "vitest";
import { annualisedReturnPct, compoundPct, walkForwardEfficiency } from "./efficiency.js";
import { walkForwardWindows } from "./walk-forward-windows.js";

const day = 86_400_000;
const jan = (d: number) => Date.UTC(2025, 0, d);
const span = (from: number, to: number) => ({ startMs: jan(from), endMs: jan(to) });

describe("walkForwardWindows", () => {
  it("rolls a 4-day in-sample span by the 2-day out-of-sample span over 1..11 January", () => {
    const windows = walkForwardWindows({
      mode: "rolling",
      startMs: jan(1),
      endMs: jan(11),
      inSampleMs: 4 * day,
      outOfSampleMs: 2 * day,
    });
    expect(windows).toEqual([
      { index: 0, inSample: span(1, 5), outOfSample: span(5, 7) },
      { index: 1, inSample: span(3, 7), outOfSample: span(7, 9) },
      { index: 2, inSample: span(5, 9), outOfSample: span(9, 11) },
    ]);
  });

  it("anchors every in-sample span at the start, and leaves out a tail shorter than one out-of-sample span", () => {
    const windows = walkForwardWindows({
      mode: "anchored",
      startMs: jan(1),
      endMs: jan(12), // one day past the third fold: not enough for a fourth
      inSampleMs: 4 * day,
      outOfSampleMs: 2 * day,
    });
    expect(windows).toEqual([
      { index: 0, inSample: span(1, 5), outOfSample: span(5, 7) },
      { index: 1, inSample: span(1, 7), outOfSample: span(7, 9) },
      { index: 2, inSample: span(1, 9), outOfSample: span(9, 11) },
    ]);
  });

  it("refuses a history too short for one fold and bad lengths, naming the field", () => {
    const base = { mode: "rolling", startMs: jan(1), endMs: jan(6), inSampleMs: 4 * day } as const;
    expect(() => walkForwardWindows({ ...base, outOfSampleMs: 2 * day })).toThrow(/endMs/);
    expect(() => walkForwardWindows({ ...base, outOfSampleMs: 0 })).toThrow(/outOfSampleMs/);
    expect(() => walkForwardWindows({ ...base, mode: "sliding" as never, outOfSampleMs: day })).toThrow(
      /mode/,
    );
  });
});

describe("walk-forward efficiency", () => {
  it("annualises by compounding over the span", () => {
    // 73 days is a fifth of a 365-day year: 1.1^5 = 1.61051
    expect(annualisedReturnPct(10, 73 * day)).toBeCloseTo(61.051, 9);
    // -50% over two years: 0.5^(1/2) - 1
    expect(annualisedReturnPct(-50, 730 * day)).toBeCloseTo(-29.289321881, 6);
    expect(annualisedReturnPct(-100, day)).toBe(-100);
    expect(annualisedReturnPct(1e6, 60_000)).toBeNull();
  });

  it("is OOS rate over IS rate, and null without a positive IS rate", () => {
    expect(walkForwardEfficiency(30, 60)).toBe(0.5);
    expect(walkForwardEfficiency(-12, 40)).toBe(-0.3);
    expect(walkForwardEfficiency(10, 0)).toBeNull();
    expect(walkForwardEfficiency(10, -5)).toBeNull();
    expect(walkForwardEfficiency(null, 5)).toBeNull();
  });

  it("compounds trade returns", () => {
    expect(compoundPct([10, -10])).toBeCloseTo(-1, 12);
    expect(compoundPct([])).toBe(0);
  });
});
