import { addRisk, listenRisk, Risk, type RiskRejection, type SignalDto } from "@candlewick/core";
import { describe, expect, it } from "vitest";
import { at, bars, flat, uniqueName } from "../testing/memory-exchange.js";
import { runScenario, signalsAt } from "../testing/scenario.js";

// The kernel asks the account (cash) and the strategy's registered risks before anything opens; a refusal is a
// listenRisk event and a Risk.getData row, and the run goes on as if getSignal had returned null.
const long: SignalDto = {
  position: "long",
  priceTakeProfit: 102,
  priceStopLoss: 98,
  minuteEstimatedTime: 60,
};

async function scenario(label: string, signal: SignalDto, riskName?: string) {
  const seen: RiskRejection[] = [];
  const stop = listenRisk((rejection) => {
    seen.push(rejection);
  });
  try {
    const outcome = await runScenario({
      label,
      candles: [...flat(at(-5), 5, 100), ...bars(at(0), [[100, 102.5, 99.8, 102]]), ...flat(at(1), 30, 102)],
      start: at(0),
      end: at(5),
      getSignal: signalsAt({ [at(0)]: signal }),
      ...(riskName === undefined ? {} : { riskName }),
    });
    return { outcome, seen: seen.filter((r) => r.candidate.strategyName === outcome.strategyName) };
  } finally {
    stop();
  }
}

describe("the entry gate", () => {
  it("a registered risk's maxExposure refuses a 100 entry over a limit of 50", async () => {
    const riskName = uniqueName("exposure-50");
    addRisk({ riskName, maxExposure: 50 });
    const { outcome, seen } = await scenario("gate-exposure", long, riskName);
    expect(outcome.results).toEqual([]);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ riskName, rule: "maxExposure", timestamp: at(0), backtest: true });
    expect(seen[0]!.candidate.cost).toBeCloseTo(100, 9);
    expect(Risk.getData(riskName).totalRejections).toBe(1);
  });

  it("a custom validation sees the candidate and the account", async () => {
    const riskName = uniqueName("no-longs");
    const equities: number[] = [];
    addRisk({
      riskName,
      validations: [
        {
          name: "no-longs",
          validate: ({ candidate, equity }) => {
            equities.push(equity);
            return candidate.position === "long" ? "longs are off today" : undefined;
          },
        },
      ],
    });
    const { outcome, seen } = await scenario("gate-custom", long, riskName);
    expect(outcome.results).toEqual([]);
    expect(equities).toEqual([10_000]);
    expect(seen[0]).toMatchObject({ rule: "no-longs", reason: "longs are off today" });
  });

  it("an entry the cash cannot pay for is refused by the account itself", async () => {
    const { outcome, seen } = await scenario("gate-cash", { ...long, cost: 20_000 });
    expect(outcome.results).toEqual([]);
    expect(seen[0]).toMatchObject({ riskName: "account", rule: "cash" });
    expect(seen[0]!.reason).toMatch(/costs 20020\.00 \(fee included\) but the cash is 10000\.00/);
  });
});
