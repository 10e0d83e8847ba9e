import { computeStatistics, Live, type SignalEvent, type SignalRow } from "@candlewick/core";
import { describe, expect, it } from "vitest";
import { defaultEngineState } from "../engine/default-engine.js";
import { at, expectedPnl, uniqueName } from "../walker/hand-made-market.test-helpers.js";

// A live run publishes its events through its engine (stores, then streams); these tests publish hand-made
// events on the default engine the same way.
const emitSignal = (event: SignalEvent) => defaultEngineState.publishSignal(event);
function row(strategyName: string, symbol: string, id: string, openedAt: number): SignalRow {
  return {
    id,
    symbol,
    strategyName,
    exchangeName: "x",
    frameName: "",
    position: "long",
    priceOpen: 100,
    priceTakeProfit: 102,
    priceStopLoss: 98,
    minuteEstimatedTime: 60,
    originalPriceTakeProfit: 102,
    originalPriceStopLoss: 98,
    quantity: 1,
    entries: [],
    exits: [],
    levelChanges: [],
    scheduledAt: openedAt,
    pendingAt: openedAt,
  };
}

function closed(
  strategyName: string,
  symbol: string,
  id: string,
  openedAt: number,
  closedAt: number,
  close: number,
): SignalEvent {
  const pnl = expectedPnl("long", 100, close);
  return {
    action: "closed",
    symbol,
    strategyName,
    exchangeName: "x",
    frameName: "",
    backtest: false,
    timestamp: closedAt,
    currentPrice: close,
    signal: row(strategyName, symbol, id, openedAt),
    closeReason: close > 100 ? "take_profit" : "stop_loss",
    closeTimestamp: closedAt,
    pnl: {
      pnlPercentage: pnl,
      priceOpen: 100,
      priceClose: close,
      peakPercentage: pnl,
      troughPercentage: pnl,
      pnlCost: pnl,
      fees: 0,
      invested: 100,
    },
  };
}

function opened(strategyName: string, symbol: string, id: string, openedAt: number): SignalEvent {
  return {
    action: "opened",
    symbol,
    strategyName,
    exchangeName: "x",
    frameName: "",
    backtest: false,
    timestamp: openedAt,
    currentPrice: 100,
    signal: row(strategyName, symbol, id, openedAt),
  };
}

describe("Live.getData", () => {
  it("logs every live event of a strategy, in order, with statistics over the closed ones", () => {
    const strategyName = uniqueName("live-log");
    const events = [
      opened(strategyName, "BTC", "1", at(0)),
      opened(strategyName, "ETH", "2", at(1)),
      closed(strategyName, "BTC", "1", at(0), at(30), 102),
      closed(strategyName, "ETH", "2", at(1), at(45), 98),
      opened(strategyName, "BTC", "3", at(60)),
    ];
    for (const event of events) emitSignal(event);
    emitSignal({ ...opened(strategyName, "BTC", "bt", at(0)), backtest: true }); // a backtest event: not logged

    const data = Live.getData(strategyName);
    expect(data.strategyName).toBe(strategyName);
    expect(data.symbols).toEqual(["BTC", "ETH"]);
    expect(data.totalEvents).toBe(5);
    expect(data.eventCounts).toEqual({ scheduled: 0, opened: 3, closed: 2, cancelled: 0 });
    expect(data.events).toEqual(events);
    expect(data.tradeCount).toBe(2);
    expect(data.winRate).toBe(50);
    expect(data.totalPnl).toBeCloseTo(expectedPnl("long", 100, 102) + expectedPnl("long", 100, 98), 9);
    // the period runs from the first event (10:00) to the last one (11:00)
    expect(data.periodStart).toBe(at(0));
    expect(data.periodEnd).toBe(at(60));
    const closedEvents = events.filter((event) => event.action === "closed");
    const { strategyName: _s, symbols: _y, totalEvents: _t, eventCounts: _c, events: _e, ...stats } = data;
    expect(stats).toEqual(
      computeStatistics(closedEvents as never, { periodStart: at(0), periodEnd: at(60) }),
    );
  });

  it("filters by symbol, and has empty data (not an error) for a strategy without live events", () => {
    const strategyName = uniqueName("live-filter");
    emitSignal(opened(strategyName, "BTC", "1", at(0)));
    emitSignal(opened(strategyName, "ETH", "2", at(5)));
    const eth = Live.getData(strategyName, "ETH");
    expect(eth.symbols).toEqual(["ETH"]);
    expect(eth.events.map((event) => event.signal.id)).toEqual(["2"]);
    const none = Live.getData(uniqueName("live-none"));
    expect(none).toMatchObject({ totalEvents: 0, tradeCount: 0, symbols: [], events: [], totalPnl: null });
    expect(none.unavailable.totalPnl).toBe("no closed trades");
  });
});
