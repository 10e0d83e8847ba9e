import {
  Backtest,
  CandlewickError,
  getReporter,
  type InvalidArgumentError,
  type Reporter,
  setReporter,
} from "@candlewick/core";
import { describe, expect, it } from "vitest";

const reporter: Reporter = {
  specificationVersion: "v1",
  name: "test",
  fileExtension: ".txt",
  renderBacktest: () => "backtest",
  renderLive: () => "live",
  renderWalker: () => "walker",
  renderSchedule: () => "schedule",
  renderHeat: () => "heat",
  renderPerformance: () => "performance",
  renderRisk: () => "risk",
  renderPortfolio: () => "portfolio",
};

describe("setReporter / getReporter", () => {
  it("says how to register a reporter when none is", () => {
    let caught: unknown;
    try {
      getReporter();
    } catch (error) {
      caught = error;
    }
    expect(CandlewickError.isInstance(caught)).toBe(true);
    expect((caught as CandlewickError).code).toBe("NO_REPORTER");
    expect((caught as Error).message).toContain(
      "register one: setReporter(createMarkdownReporter()) from @candlewick/reporter-markdown",
    );
    expect(() => Backtest.getReport("anything")).toThrow(/register one/);
  });

  it.each([
    [{ specificationVersion: "v2" }, "specificationVersion"],
    [{ renderHeat: undefined }, "renderHeat"],
    [{ renderRisk: undefined }, "renderRisk"],
    [{ renderPortfolio: undefined }, "renderPortfolio"],
    [{ fileExtension: "md" }, "fileExtension"],
  ])("rejects %j naming %s", (patch, field) => {
    expect(() => setReporter({ ...reporter, ...patch } as Reporter)).toThrow(
      expect.objectContaining({ field }) as unknown as InvalidArgumentError,
    );
  });

  it("returns the registered reporter", () => {
    setReporter(reporter);
    expect(getReporter()).toBe(reporter);
  });
});
