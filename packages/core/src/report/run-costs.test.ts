import { Backtest } from "@candlewick/core";
import { describe, expect, it } from "vitest";
import { at, bars, flat } from "../testing/memory-exchange.js";
import { runScenario, type ScenarioOptions, signalsAt } from "../testing/scenario.js";

// One winning long (100 → 101 at its take-profit), run under the config given.
function scenario(label: string, config: ScenarioOptions["config"]): ScenarioOptions {
  return {
    label,
    candles: [
      ...flat(at(-5), 5, 100),
      ...bars(at(0), [
        [100, 100.5, 99.8, 100.2],
        [100.2, 101.2, 100.1, 101],
      ]),
      ...flat(at(2), 30, 100),
    ],
    start: at(0),
    end: at(20),
    getSignal: signalsAt({
      [at(0)]: { position: "long", priceTakeProfit: 101, priceStopLoss: 99, minuteEstimatedTime: 60 },
    }),
    ...(config === undefined ? {} : { config }),
  };
}

describe("Backtest.getData: the costs the PnL was computed with", () => {
  it("are the run's config, per-run overrides included", async () => {
    const { strategyName } = await runScenario(
      scenario("costs-given", { percentFee: 0.05, percentSlippage: 0, fillModel: "vwap" }),
    );
    expect(Backtest.getData(strategyName).costs).toEqual([
      { percentFee: 0.05, percentSlippage: 0, fillModel: "vwap" },
    ]);
  });

  it("are the documented defaults when nothing is set", async () => {
    const { strategyName } = await runScenario(scenario("costs-default", undefined));
    expect(Backtest.getData(strategyName).costs).toEqual([
      { percentFee: 0.1, percentSlippage: 0.1, fillModel: "candle" },
    ]);
  });
});
