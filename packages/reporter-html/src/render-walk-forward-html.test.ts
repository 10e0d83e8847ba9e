import { describe, expect, it } from "vitest";
import { inSamplePace } from "./render-walk-forward-html.js";
import type { WalkForwardReportFold } from "./walk-forward-input.js";

const DAY = 86_400_000;

/** A fold with a 10-day in-sample span and the 5 days after it out of sample. */
function fold(index: number, inSampleReturnPct: number): WalkForwardReportFold {
  const start = index * 5 * DAY;
  return {
    window: {
      index,
      inSample: { startMs: start, endMs: start + 10 * DAY },
      outOfSample: { startMs: start + 10 * DAY, endMs: start + 15 * DAY },
    },
    inSample: { returnPct: inSampleReturnPct, annualisedReturnPct: null },
    outOfSample: { returnPct: 0, annualisedReturnPct: null, trades: [] },
    efficiency: null,
  };
}

describe("inSamplePace", () => {
  it("scales each fold's in-sample return to its out-of-sample span and compounds them", () => {
    // +10% over 10 days is √1.1 over 5 days; −4% is √0.96: 1.0488088, then 1.0488088 · 0.9797959 = 1.0276186
    const pace = inSamplePace([fold(0, 10), fold(1, -4)]);
    expect(pace.timestamps).toEqual([10 * DAY, 15 * DAY, 20 * DAY]);
    expect(pace.equity[0]).toBe(1);
    expect(pace.equity[1]).toBeCloseTo(1.0488088, 7);
    expect(pace.equity[2]).toBeCloseTo(1.0276186, 7);
  });

  it("has no point without folds", () => {
    expect(inSamplePace([])).toEqual({ timestamps: [], equity: [] });
  });
});
