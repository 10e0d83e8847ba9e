import { describe, expect, it } from "vitest";
import { computePnlPercentage, roundTripCostPercent } from "./pnl.js";

// ARCHITECTURE §5: long  O = open·(1+s), C = close·(1−s), pnl% = (C−O)/O·100 − fee%·(1 + C/O); short mirrored.
describe("computePnlPercentage", () => {
  it("long 100 → 101 with 0.1% fee and 0.1% slippage", () => {
    // O = 100·1.001 = 100.1, C = 101·0.999 = 100.899
    // (C−O)/O·100 = 0.799/100.1·100 = 0.798201798…; fee = 0.1·(1 + 100.899/100.1) = 0.200798201…
    // pnl = 0.798201798… − 0.200798201… = 0.597403596…
    expect(computePnlPercentage("long", 100, 101, 0.1, 0.1)).toBeCloseTo(0.5974035964036, 10);
  });

  it("a flat long round trip costs about −0.3996%", () => {
    // O = 100.1, C = 99.9: −0.2/100.1·100 = −0.1998001998; fee = 0.1·(1 + 99.9/100.1) = 0.1998001998
    expect(computePnlPercentage("long", 100, 100, 0.1, 0.1)).toBeCloseTo(-0.3996003996004, 10);
  });

  it("long 100 → 99 loses the move plus costs", () => {
    // O = 100.1, C = 98.901: −1.199/100.1·100 = −1.197802197…; fee = 0.1·(1 + 98.901/100.1) = 0.198802197…
    expect(computePnlPercentage("long", 100, 99, 0.1, 0.1)).toBeCloseTo(-1.3966043956044, 10);
  });

  it("short 100 → 99 with 0.1% fee and 0.1% slippage", () => {
    // O = 100·0.999 = 99.9, C = 99·1.001 = 99.099
    // (O−C)/O·100 = 0.801/99.9·100 = 0.801801801…; fee = 0.1·(1 + 99.099/99.9) = 0.199198198…
    expect(computePnlPercentage("short", 100, 99, 0.1, 0.1)).toBeCloseTo(0.6026036036036, 10);
  });

  it("a flat short round trip costs about −0.4004%", () => {
    // O = 99.9, C = 100.1: −0.2/99.9·100 = −0.2002002; fee = 0.1·(1 + 100.1/99.9) = 0.2002002
    expect(computePnlPercentage("short", 100, 100, 0.1, 0.1)).toBeCloseTo(-0.4004004004004, 10);
  });

  it("short 100 → 101 loses the move plus costs", () => {
    // O = 99.9, C = 101.101: −1.201/99.9·100 = −1.202202202…; fee = 0.1·(1 + 101.101/99.9) = 0.201202202…
    expect(computePnlPercentage("short", 100, 101, 0.1, 0.1)).toBeCloseTo(-1.4034044044044, 10);
  });

  it("without fees and slippage it is the raw move", () => {
    expect(computePnlPercentage("long", 100, 101, 0, 0)).toBeCloseTo(1, 12);
    expect(computePnlPercentage("short", 200, 190, 0, 0)).toBeCloseTo(5, 12);
  });

  it("fee only: 1 − 0.1·(1 + 101/100) = 0.799", () => {
    expect(computePnlPercentage("long", 100, 101, 0.1, 0)).toBeCloseTo(0.799, 12);
  });

  it("slippage only: (100.899 − 100.1)/100.1·100 = 0.7982017982", () => {
    expect(computePnlPercentage("long", 100, 101, 0, 0.1)).toBeCloseTo(0.7982017982018, 10);
  });

  it("a higher fee lowers the result: 0.2% fee → 0.396605394…", () => {
    // O = 100.1, C = 100.899: 0.798201798… − 0.2·(1 + 1.007982018) = 0.798201798… − 0.401596404 = 0.396605394…
    expect(computePnlPercentage("long", 100, 101, 0.2, 0.1)).toBeCloseTo(0.3966053946054, 10);
  });
});

describe("roundTripCostPercent", () => {
  it("is two sides of fee plus slippage", () => {
    expect(roundTripCostPercent(0.1, 0.1)).toBeCloseTo(0.4, 12);
    expect(roundTripCostPercent(0.3, 0.2)).toBeCloseTo(1, 12);
    expect(roundTripCostPercent(0, 0)).toBe(0);
  });
});
