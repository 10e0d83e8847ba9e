import { describe, expect, it } from "vitest";
import { renderCosts } from "./render-costs.js";

describe("renderCosts", () => {
  it("states the fee, slippage and fill model exactly as configured", () => {
    expect(renderCosts([{ percentFee: 0.075, percentSlippage: 0, fillModel: "vwap" }])).toBe(
      "- Costs: fee 0.075% and slippage 0% per side; fill model: vwap",
    );
  });

  it("lists every setting when pooled runs used different ones", () => {
    expect(
      renderCosts([
        { percentFee: 0.1, percentSlippage: 0.1, fillModel: "candle" },
        { percentFee: 0, percentSlippage: 0.05, fillModel: "candle" },
      ]),
    ).toBe(
      "- Costs (the pooled runs differ): fee 0.1% and slippage 0.1% per side; fill model: candle | fee 0% and slippage 0.05% per side; fill model: candle",
    );
  });

  it("says so when a result saved by an older version carries none", () => {
    expect(renderCosts(undefined)).toBe("- Costs: not recorded in this result");
    expect(renderCosts([])).toBe("- Costs: not recorded in this result");
  });
});
