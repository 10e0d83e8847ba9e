import { describe, expect, it } from "vitest";
import { makeFill } from "../kernel/position/position-fill.js";
import type { SignalRow } from "../spec/signal.js";
import { onLotStep } from "./lot-step.js";
import { OrderJournal } from "./order-journal.js";
import { wantedProtections } from "./protection-plan.js";

describe("quantities on the market's lot step", () => {
  it("a float remainder of lots is those lots; a quantity between lots is left to the broker", () => {
    // 0.0759 − 0.0045 in floats (the parity run's ETH close), and 0.0044 + 0.0015.
    expect(0.0759 - 0.0045).toBe(0.07139999999999999);
    expect(onLotStep(0.0759 - 0.0045, 0.0001)).toBe(0.0714);
    expect(onLotStep(0.0044 + 0.0015, 0.0001)).toBe(0.0059);
    expect(onLotStep(0.00141 - 0.00042 - 0.00042, 0.00001)).toBe(0.00057);
    // A sizing the kernel decided (0.00141568) is not a whole number of lots: truncating it is the broker's part.
    expect(onLotStep(0.00141568, 0.00001)).toBe(0.00141568);
    expect(onLotStep(0.0714, null)).toBe(0.0714);
  });

  it("the close the journal plans from a float-remainder row is the lots the venue holds, and so is its stop", () => {
    const T = Date.UTC(2026, 3, 1, 6);
    const costs = { percentFee: 0.1, percentSlippage: 0 };
    const entries = [
      makeFill("long", "entry", "open", T, 2000, 0.0444, costs),
      makeFill("long", "entry", "average_buy", T + 60_000, 1990, 0.0315, costs),
    ];
    const partial = makeFill("long", "exit", "partial_profit", T + 120_000, 2010, 0.0045, costs);
    const held = 0.0444 + 0.0315 - 0.0045;
    expect(held).toBe(0.07139999999999999);
    const row: SignalRow = {
      id: "9c1f3b7e-2d4a-4e8b-9f60-1a2b3c4d5e6f",
      symbol: "ETHUSDT",
      strategyName: "s",
      exchangeName: "x",
      frameName: "",
      position: "long",
      priceOpen: 1996,
      priceTakeProfit: 2100,
      priceStopLoss: 1950,
      originalPriceTakeProfit: 2100,
      originalPriceStopLoss: 1950,
      quantity: held,
      entries,
      exits: [partial, makeFill("long", "exit", "stop_loss", T + 180_000, 1950, held, costs)],
      levelChanges: [],
      minuteEstimatedTime: 600,
      scheduledAt: T,
      pendingAt: T,
    };
    const journal = new OrderJournal();
    journal.lotStep = 0.0001;
    journal.plan(row);
    expect(journal.all().map((intent) => intent.request.quantity)).toEqual([0.0444, 0.0315, 0.0045, 0.0714]);

    // The stop of the open position (before the close): the venue's fills hold 0.0714 exactly.
    const open = { ...row, exits: [partial] };
    const legs = journal.all().slice(0, 3);
    for (const intent of legs) {
      intent.status = "filled";
      intent.fills = [
        {
          fillId: intent.clientOrderId,
          clientOrderId: intent.clientOrderId,
          venueOrderId: "1",
          symbol: "ETHUSDT",
          side: intent.request.side,
          price: 2000,
          quantity: intent.request.quantity,
          fee: 0,
          feeCurrency: "USDT",
          timestamp: T,
        },
      ];
    }
    const wanted = wantedProtections(open, legs, { stop: true, takeProfit: false }, 0.0001);
    expect(wanted).not.toBe("hold");
    expect((wanted as Map<string, { quantity: number }>).get("stop")?.quantity).toBe(0.0714);
  });
});
