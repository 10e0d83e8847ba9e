import {
  CandlewickError,
  getCandles,
  InvalidArgumentError,
  type SignalDto,
  SignalValidationError,
} from "@candlewick/core";
import { describe, expect, it } from "vitest";
import { at, flat } from "../testing/memory-exchange.js";
import { runScenario } from "../testing/scenario.js";

// The market price stays at 100 throughout (flat candles): every check below is against an entry of 100.
const candles = flat(at(-5), 60, 100);
const good: SignalDto = { position: "long", priceTakeProfit: 102, priceStopLoss: 98, minuteEstimatedTime: 5 };

describe("a rejected signal is an error event, no position, and the run goes on", () => {
  const bad: [unknown, string, string][] = [
    [{ ...good, position: "up" }, "position", '"position" is "up"; expected "long" or "short"'],
    [
      { ...good, priceTakeProfit: Number.NaN },
      "priceTakeProfit",
      '"priceTakeProfit" is NaN; expected a finite price > 0',
    ],
    [{ ...good, priceStopLoss: -1 }, "priceStopLoss", '"priceStopLoss" is -1; expected a finite price > 0'],
    [{ ...good, priceOpen: 0 }, "priceOpen", '"priceOpen" is 0; expected a finite price > 0'],
    [
      { ...good, priceTakeProfit: 99 },
      "priceTakeProfit",
      "long: priceTakeProfit (99) must be above the current price (100)",
    ],
    [
      { ...good, priceStopLoss: 100.5 },
      "priceStopLoss",
      "long: priceStopLoss (100.5) must be below the current price (100)",
    ],
    [
      { position: "short", priceTakeProfit: 101, priceStopLoss: 102 },
      "priceTakeProfit",
      "short: priceTakeProfit (101) must be below the current price (100)",
    ],
    [
      { position: "short", priceTakeProfit: 98, priceStopLoss: 99.5 },
      "priceStopLoss",
      "short: priceStopLoss (99.5) must be above the current price (100)",
    ],
    [
      { ...good, priceTakeProfit: 100.4 },
      "priceTakeProfit",
      "priceTakeProfit (100.4) is 0.4% from the current price (100); expected at least 0.5% (it must cover fees and slippage)",
    ],
    [
      { ...good, priceStopLoss: 99.6 },
      "priceStopLoss",
      "priceStopLoss (99.6) is 0.4% from the current price (100); expected at least 0.5%",
    ],
    [
      { ...good, priceStopLoss: 79 },
      "priceStopLoss",
      "priceStopLoss (79) is 21% from the current price (100); expected at most 20%",
    ],
    [
      { ...good, minuteEstimatedTime: 1.5 },
      "minuteEstimatedTime",
      '"minuteEstimatedTime" is 1.5; expected a whole number of minutes > 0',
    ],
    [
      { ...good, minuteEstimatedTime: 0 },
      "minuteEstimatedTime",
      '"minuteEstimatedTime" is 0; expected a whole number of minutes > 0',
    ],
    [
      { ...good, minuteEstimatedTime: 1441 },
      "minuteEstimatedTime",
      '"minuteEstimatedTime" is 1441; expected at most maxSignalLifetimeMinutes (1440)',
    ],
    [{ ...good, note: 5 }, "note", '"note" is 5; expected a string'],
    [{ ...good, id: "" }, "id", '"id" is ""; expected a non-empty string'],
    [42, "signal", "getSignal returned 42; expected a signal object or null"],
  ];

  it("reports each rule on listenError with its message, opens nothing, then trades the next valid signal", async () => {
    const asked: number[] = [];
    const { results, events, errors, strategyName } = await runScenario({
      label: "rejects",
      candles,
      start: at(0),
      end: at(30),
      getSignal: (_symbol, when) => {
        const minute = (when.getTime() - at(0)) / 60_000;
        asked.push(minute);
        if (minute < bad.length) return bad[minute]![0] as SignalDto;
        return minute === bad.length ? good : null;
      },
    });
    expect(errors).toHaveLength(bad.length);
    errors.forEach((error, i) => {
      const [, field, reason] = bad[i]!;
      expect(error).toBeInstanceOf(SignalValidationError);
      expect(CandlewickError.isInstance(error)).toBe(true);
      const rejected = error as SignalValidationError;
      expect(rejected.field).toBe(field);
      expect(rejected.strategyName).toBe(strategyName);
      expect(rejected.symbol).toBe("TEST");
      expect(rejected.message).toBe(`[core] strategy "${strategyName}" on TEST: signal rejected: ${reason}`);
    });
    // only the valid signal (minute 17) opened anything
    expect(events.map((e) => [e.action, e.timestamp])).toEqual([
      ["opened", at(bad.length)],
      ["closed", at(bad.length + 5)],
    ]);
    expect(results.map((r) => r.closeReason)).toEqual(["time_expired"]);
    // asked every minute while idle: 0..17, then again from the close (22) on
    expect(asked).toEqual([
      ...Array.from({ length: bad.length + 1 }, (_, i) => i),
      ...Array.from({ length: 8 }, (_, i) => 22 + i),
    ]);
  });
});

describe("getSignal failing", () => {
  it("a throw, a rejection and a rejection with a non-Error are reported; the run continues and trades", async () => {
    const boom = new Error("boom");
    const { results, errors, strategyName } = await runScenario({
      label: "throws",
      candles,
      start: at(0),
      end: at(10),
      getSignal: (_symbol, when) => {
        const minute = (when.getTime() - at(0)) / 60_000;
        if (minute === 0) throw boom;
        if (minute === 1) return Promise.reject(new Error("nope"));
        if (minute === 2) return Promise.reject("plain string");
        if (minute === 3) return undefined;
        if (minute === 4) return Promise.resolve(good);
        return null;
      },
    });
    expect(errors.map((e) => e.message)).toEqual([
      `[core] strategy "${strategyName}" on TEST: getSignal threw at 2024-01-01T10:00:00.000Z: boom`,
      `[core] strategy "${strategyName}" on TEST: getSignal rejected at 2024-01-01T10:01:00.000Z: nope`,
      `[core] strategy "${strategyName}" on TEST: getSignal rejected at 2024-01-01T10:02:00.000Z: plain string`,
    ]);
    expect(errors.every((e) => CandlewickError.isInstance(e) && e.code === "STRATEGY_ERROR")).toBe(true);
    expect(errors[0]!.cause).toBe(boom);
    expect((errors[0] as CandlewickError).details).toMatchObject({ strategyName, symbol: "TEST" });
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({ closeReason: "time_expired", signal: { scheduledAt: at(4) } });
  });

  it("a Candlewick error thrown inside getSignal is reported as it is", async () => {
    const { errors, results } = await runScenario({
      label: "throws-own",
      candles,
      start: at(0),
      end: at(2),
      getSignal: async (symbol) => {
        await getCandles(symbol, "1m", 0);
        return good;
      },
    });
    expect(results).toEqual([]);
    expect(errors).toHaveLength(2);
    expect(errors[0]).toBeInstanceOf(InvalidArgumentError);
    expect(errors[0]!.message).toBe('[getCandles] "limit" is 0; expected a whole number > 0');
  });
});
