import { describe, expect, it } from "vitest";
import { type Decision, decisionOf, describeDecision, failedDecision, sameDecision } from "./decision.js";
import { sampleDecisions } from "./sample-decisions.js";

const long = { position: "long", priceTakeProfit: 110.5, priceStopLoss: 99 } as const;

describe("decisions", () => {
  it("compare field by field, whatever the key order, and leave the run's id out", () => {
    const a = decisionOf(1, { ...long, id: "run-1:x" });
    const b = decisionOf(1, { priceStopLoss: 99, priceTakeProfit: 110.5, position: "long", id: "run-7:y" });
    expect(sameDecision(a, b)).toBe(true);
    expect(sameDecision(a, decisionOf(1, { ...long, priceStopLoss: 98.5 }))).toBe(false);
    expect(sameDecision(a, decisionOf(1, null))).toBe(false);
    expect(sameDecision(decisionOf(1, undefined), decisionOf(1, null))).toBe(true);
    expect(sameDecision(failedDecision(1, new Error("x")), decisionOf(1, null))).toBe(false);
  });

  it("describe themselves in one line, prices without binary noise", () => {
    expect(describeDecision(decisionOf(1, { ...long, priceTakeProfit: 110566.07100000001 }))).toBe(
      "long @ market tp 110566.071 sl 99",
    );
    expect(describeDecision(decisionOf(1, { ...long, priceOpen: 100 }))).toBe("long @ 100 tp 110.5 sl 99");
    expect(describeDecision(decisionOf(1, null))).toBe("no signal");
    expect(describeDecision(failedDecision(1, new Error("boom")))).toBe("error: boom");
  });
});

describe("sampleDecisions", () => {
  const at = (time: number, signal: boolean): Decision => decisionOf(time, signal ? long : null);
  // 10 decisions: signals at 2, 5 and 8.
  const decisions = Array.from({ length: 10 }, (_, time) => at(time, time % 3 === 2));

  it("keeps every decision when asked for as many or more", () => {
    expect(sampleDecisions(decisions, 10)).toEqual(decisions);
  });

  it("takes the signals first (up to half), then spreads the rest evenly, in time order", () => {
    // 4 samples: 2 signals (the first and the last, 2 and 8) and 2 of the 7 others (the first and the last, 0 and 9).
    expect(sampleDecisions(decisions, 4).map((decision) => decision.time)).toEqual([0, 2, 8, 9]);
    // 8 samples: the 3 signals + 5 of the 7 others [0,1,3,4,6,7,9], at indices 0, 1.5→2, 3, 4.5→5, 6: 0, 3, 4, 7, 9.
    expect(sampleDecisions(decisions, 8).map((decision) => decision.time)).toEqual([0, 2, 3, 4, 5, 7, 8, 9]);
  });
});
