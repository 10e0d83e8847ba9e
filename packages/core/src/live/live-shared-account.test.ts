import {
  type ClosedResult,
  createEngine,
  createMemoryPersist,
  createReplay,
  type Engine,
  type LiveResult,
  type LiveState,
  liveStateKey,
  type PersistAdapter,
  type RiskContext,
  type RiskRejection,
  type SignalDto,
} from "@candlewick/core";
import { describe, expect, it } from "vitest";
import { at, createMemoryExchange, flat } from "../testing/memory-exchange.js";

// An engine's live runs on one exchange trade one account: cash, positions and day PnL are shared, so a risk's
// limits hold across symbols live as in a portfolio backtest, and a restart rebuilds the account from every run's
// state. Markets are flat at 100; default costs (fee 0.1%, slippage 0.1%) and a fixed cost of 100 per entry:
// an entry fills at 100.1 for 100/100.1 units, value 100, fee 0.1; an exit at 100 fills at 99.9, value
// 99.9·100/100.1, fee 0.1% of that.
const ENTRY_COST = 100 + 0.1;
const EXIT_VALUE = (99.9 * 100) / 100.1;
const ROUND_TRIP_PNL = EXIT_VALUE - 100 - 0.1 - EXIT_VALUE * 0.001;

const long: SignalDto = {
  position: "long",
  priceTakeProfit: 101,
  priceStopLoss: 99,
  minuteEstimatedTime: 5,
};

interface Seen {
  readonly symbol: string;
  readonly timestamp: number;
  readonly cash: number;
  readonly dayPnl: number;
  readonly positions: readonly string[];
}

/** An engine with a replayed flat market, a 1m strategy signalling at the given times, and a risk that records. */
function setUp(options: {
  readonly symbols: readonly string[];
  readonly signalsAt: Readonly<Record<string, readonly number[]>>;
  readonly start: number;
  readonly end: number;
  readonly maxConcurrentPositions?: number;
  readonly lifetime?: number;
}) {
  const engine = createEngine();
  const candles = Object.fromEntries(options.symbols.map((symbol) => [symbol, flat(at(-30), 120, 100)]));
  const replay = createReplay({
    source: createMemoryExchange("shared-source", candles),
    exchangeName: "shared-replay",
    startDate: new Date(options.start),
    endDate: new Date(options.end),
  });
  engine.addExchange(replay.exchange);
  const seen: Seen[] = [];
  engine.addRisk({
    riskName: "shared-risk",
    ...(options.maxConcurrentPositions === undefined
      ? {}
      : { maxConcurrentPositions: options.maxConcurrentPositions }),
    validations: [
      {
        name: "record",
        validate: (context: RiskContext) => {
          seen.push({
            symbol: context.candidate.symbol,
            timestamp: context.timestamp,
            cash: context.cash,
            dayPnl: context.dayPnl,
            positions: context.positions.map((position) => position.symbol),
          });
        },
      },
    ],
  });
  engine.addStrategy({
    strategyName: "shared",
    interval: "1m",
    riskName: "shared-risk",
    getSignal: (symbol, when) =>
      options.signalsAt[symbol]?.includes(when.getTime())
        ? { ...long, minuteEstimatedTime: options.lifetime ?? long.minuteEstimatedTime }
        : null,
  });
  const rejections: RiskRejection[] = [];
  engine.listenRisk((rejection) => {
    rejections.push(rejection);
  });
  const errors: Error[] = [];
  engine.listenError((error) => {
    errors.push(error);
  });
  return { engine, replay, seen, rejections, errors };
}

async function runAll(engine: Engine, symbols: readonly string[], persist: PersistAdapter) {
  const results = await Promise.all(
    symbols.map(async (symbol) => {
      const out: LiveResult[] = [];
      for await (const result of engine.Live.run(symbol, {
        strategyName: "shared",
        exchangeName: "shared-replay",
        persist,
      })) {
        out.push(result);
      }
      return out;
    }),
  );
  return Object.fromEntries(symbols.map((symbol, i) => [symbol, results[i]!]));
}

describe("live runs of one engine share one account", () => {
  it("maxConcurrentPositions 1 refuses B while A is open, and lets it in once A has closed", async () => {
    // Replay from 10:00: A is asked at 10:01 and opens (at the 10:00 close); B at 10:03 is refused; A expires at
    // 10:06; B at 10:08 opens, its risk sees the cash A's round trip left.
    const { engine, seen, rejections, errors } = setUp({
      symbols: ["AAA", "BBB"],
      signalsAt: { AAA: [at(1)], BBB: [at(3), at(8)] },
      start: at(0),
      end: at(20),
      maxConcurrentPositions: 1,
    });
    const results = await runAll(engine, ["AAA", "BBB"], createMemoryPersist());
    expect(errors).toEqual([]);
    expect(results.AAA!.map((r) => `${r.action}@${r.timestamp}`)).toEqual([
      `opened@${at(1)}`,
      `closed@${at(6)}`,
    ]);
    expect(results.BBB!.map((r) => `${r.action}@${r.timestamp}`)).toEqual([
      `opened@${at(8)}`,
      `closed@${at(13)}`,
    ]);
    expect(rejections.map((r) => [r.candidate.symbol, r.rule, r.timestamp, r.activePositions])).toEqual([
      ["BBB", "maxConcurrentPositions", at(3), 1],
    ]);
    expect(seen.map((s) => [s.symbol, s.timestamp, s.positions])).toEqual([
      ["AAA", at(1), []],
      ["BBB", at(8), []],
    ]);
    expect(seen[0]!.cash).toBe(10_000);
    expect(seen[1]!.cash).toBeCloseTo(10_000 + ROUND_TRIP_PNL, 9);
    // Each run's state carries its own part of the account.
    const closedA = results.AAA![1] as ClosedResult;
    expect(closedA.pnl.pnlCost).toBeCloseTo(ROUND_TRIP_PNL, 9);
  });

  it("a restart rebuilds the shared account from every run's state", async () => {
    const persist = createMemoryPersist();
    // First process: A opens at 10:01, B at 10:02, both for 60 minutes; the replay ends at 10:04 with both open.
    const first = setUp({
      symbols: ["AAA", "BBB", "CCC"],
      signalsAt: { AAA: [at(1)], BBB: [at(2)] },
      start: at(0),
      end: at(4),
      lifetime: 60,
    });
    await runAll(first.engine, ["AAA", "BBB"], persist);
    expect(first.errors).toEqual([]);
    expect(first.seen.map((s) => [s.symbol, s.positions])).toEqual([
      ["AAA", []],
      ["BBB", ["AAA"]],
    ]);
    expect(first.seen[1]!.cash).toBeCloseTo(10_000 - ENTRY_COST, 9);
    const stateA = (await persist.read(
      liveStateKey({ strategyName: "shared", symbol: "AAA" }),
    )) as unknown as LiveState;
    expect(stateA.runner.phase).toBe("opened");
    expect(stateA.account).toEqual({ realized: -0.1, day: Math.floor(at(1) / 86_400_000), dayPnl: -0.1 });
    expect(stateA.runner.basis).toBeCloseTo(100, 9);

    // Second process on the same persistence: A, B resumed and C new; C's entry at 10:06 sees both positions and
    // the cash they hold, and the day PnL of their entry fees.
    const second = setUp({
      symbols: ["AAA", "BBB", "CCC"],
      signalsAt: { CCC: [at(6)] },
      start: at(4),
      end: at(8),
      lifetime: 60,
    });
    await runAll(second.engine, ["AAA", "BBB", "CCC"], persist);
    expect(second.errors).toEqual([]);
    expect(second.seen.map((s) => [s.symbol, s.timestamp, [...s.positions].sort()])).toEqual([
      ["CCC", at(6), ["AAA", "BBB"]],
    ]);
    // 10000 − 2 × 100.1, computed here from the two entries, not read from the engine.
    expect(second.seen[0]!.cash).toBeCloseTo(10_000 - 2 * ENTRY_COST, 9);
    expect(second.seen[0]!.dayPnl).toBeCloseTo(-0.2, 12);
  });

  it("a run whose initialCapital differs from the shared account's is refused, naming the field", async () => {
    const { engine } = setUp({ symbols: ["AAA", "BBB"], signalsAt: {}, start: at(0), end: at(3) });
    const persist = createMemoryPersist();
    const first = engine.Live.run("AAA", { strategyName: "shared", exchangeName: "shared-replay", persist });
    const firstTick = first.next();
    const second = engine.Live.run("BBB", {
      strategyName: "shared",
      exchangeName: "shared-replay",
      persist,
      config: { initialCapital: 500 },
    });
    await expect(second.next()).rejects.toThrow(
      /"config\.initialCapital" is 500; expected 10000, as for the live runs already trading the shared account of exchange "shared-replay"/,
    );
    expect((await firstTick).done).toBe(true);
  });
});
