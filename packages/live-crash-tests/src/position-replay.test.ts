import {
  addExchange,
  addFrame,
  addRisk,
  addStrategy,
  Backtest,
  type ClosedResult,
  createCsvExchange,
  createMemoryPersist,
  createReplay,
  Live,
  listenError,
  listenRisk,
  type RiskRejection,
  type SignalEvent,
} from "@candlewick/core";
import { describe, expect, it } from "vitest";
import { DATA_DIR, SYMBOL } from "./crash-scenario.js";
import {
  POSITION_END,
  POSITION_SIGNALS_END,
  POSITION_START,
  positionCoverage,
  positionRisk,
  positionStrategy,
} from "./position-scenario.js";

// One strategy with a take-profit ladder, a trailing stop, DCA adds from onOpenInterval and a maxExposure risk,
// on two days of real BTCUSDT candles: as a Backtest, and as a Live run on a replay of the same candles. The live
// run must make exactly the backtest's trades, fill for fill. Ids differ by design (they hash the mode and frame),
// and so do the names that say which run it was; everything else must be equal.

const source = createCsvExchange({ exchangeName: "position-replay-source", dir: DATA_DIR });

/** A trade without what names its run: its id, frame, mode and exchange. */
function comparable(trade: ClosedResult) {
  const { signal, frameName: _f, backtest: _b, exchangeName: _e, ...rest } = trade;
  const { id: _id, frameName: _sf, exchangeName: _se, ...row } = signal;
  return { ...rest, signal: row };
}

const STRATEGY = "position-replay";

function rejectionsOf(backtest: boolean, into: RiskRejection[]) {
  return listenRisk((rejection) => {
    if (rejection.candidate.strategyName === STRATEGY && rejection.backtest === backtest)
      into.push(rejection);
  });
}

async function backtestTrades() {
  addExchange({ ...source, exchangeName: "position-replay-csv" });
  addFrame({
    frameName: "position-replay-frame",
    interval: "1m",
    startDate: new Date(POSITION_START),
    endDate: new Date(POSITION_SIGNALS_END),
  });
  const rejections: RiskRejection[] = [];
  const stop = rejectionsOf(true, rejections);
  const trades: ClosedResult[] = [];
  try {
    for await (const result of Backtest.run(SYMBOL, {
      strategyName: STRATEGY,
      exchangeName: "position-replay-csv",
      frameName: "position-replay-frame",
    })) {
      if (result.action === "closed") trades.push(result);
    }
  } finally {
    stop();
  }
  return { trades, rejections };
}

async function liveTrades() {
  // Starts a minute early: the first live tick is then the backtest's first tick.
  const replay = createReplay({
    source,
    exchangeName: "position-replay-live-exchange",
    startDate: new Date(POSITION_START - 60_000),
    endDate: new Date(POSITION_END),
  });
  addExchange(replay.exchange);
  const rejections: RiskRejection[] = [];
  const stop = rejectionsOf(false, rejections);
  const events: SignalEvent[] = [];
  try {
    for await (const result of Live.run(SYMBOL, {
      strategyName: STRATEGY,
      exchangeName: replay.exchange.exchangeName,
      persist: createMemoryPersist(),
    })) {
      events.push(result);
    }
  } finally {
    stop();
  }
  return { events, trades: events.filter((e): e is ClosedResult => e.action === "closed"), rejections };
}

describe("the position model live, on a replay", () => {
  it("makes exactly the backtest's trades: entries, exits, level changes, ladder and PnL", {
    timeout: 120_000,
  }, async () => {
    const errors: Error[] = [];
    const stopErrors = listenError((error) => {
      errors.push(error);
    });
    const riskName = "position-replay-exposure";
    addRisk(positionRisk(riskName));
    addStrategy(positionStrategy(STRATEGY, riskName));
    const backtest = await backtestTrades();
    const live = await liveTrades();
    stopErrors();
    expect(errors).toEqual([]);

    // The scenario exercises every part of the model, or the equality below proves little.
    const coverage = positionCoverage(backtest.trades);
    console.log(
      "[position replay]",
      JSON.stringify(coverage),
      `${backtest.rejections.length} risk rejections`,
    );
    expect(coverage.trades).toBeGreaterThanOrEqual(10);
    expect(coverage.ladderExits).toBeGreaterThan(0);
    expect(coverage.trailingMoves).toBeGreaterThan(0);
    expect(coverage.partialAndMoved).toBeGreaterThan(0);
    expect(coverage.dcaEntries).toBeGreaterThan(0);
    const refusedAdds = backtest.rejections.filter((r) => r.candidate.kind === "average_buy");
    expect(refusedAdds.length).toBeGreaterThan(0);
    expect(refusedAdds.every((r) => r.rule === "maxExposure")).toBe(true);

    // Every live position was closed before the replay ended, as every backtest one was.
    expect(live.events.at(-1)?.action).toBe("closed");
    expect(live.trades.map(comparable)).toEqual(backtest.trades.map(comparable));
    // Rejected in the same places, for the same reasons.
    const rejection = (r: RiskRejection) => {
      const { backtest: _b, frameName: _f, candidate, ...rest } = r;
      const { exchangeName: _e, ...asked } = candidate;
      return { ...rest, candidate: asked };
    };
    expect(live.rejections.map(rejection)).toEqual(backtest.rejections.map(rejection));
  });
});
