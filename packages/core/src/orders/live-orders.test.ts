import { fileURLToPath } from "node:url";
import {
  type Broker,
  type ClosedResult,
  createCsvExchange,
  createEngine,
  createMemoryPersist,
  createPaperBroker,
  createReplay,
  type LiveResult,
  type LiveState,
  liveStateKey,
  type PersistAdapter,
  type StrategySchema,
} from "@candlewick/core";
import { describe, expect, it } from "vitest";
import { dipLadder, shortDca } from "../portfolio/portfolio-strategies.test-helpers.js";
import { faultyBroker } from "./faulty-broker.test-helpers.js";

// Live runs replayed on real BTCUSDT candles (2026-04-01, 10 hours), with a strategy that has a ladder and a
// trailing stop and one that adds (DCA) from onOpenInterval: the order flow must turn every fill into exactly one
// order, written to the state before it is sent, without changing a single trade.
const dataDir = fileURLToPath(new URL("../../../../data/candles/sets/spot-2026-03", import.meta.url));
const START = Date.UTC(2026, 3, 1, 0);
const END = Date.UTC(2026, 3, 1, 10);
const STRATEGIES: StrategySchema[] = [dipLadder, shortDca];

async function liveRun(options: {
  readonly broker?: Broker;
  readonly persist?: PersistAdapter;
  readonly start?: number;
  readonly strategyName: string;
}): Promise<{ results: LiveResult[]; errors: Error[] }> {
  const engine = createEngine({ config: { initialCapital: 1e6 } });
  engine.addExchange(
    createReplay({
      source: createCsvExchange({ exchangeName: "csv", dir: dataDir }),
      exchangeName: "replay",
      startDate: new Date(options.start ?? START),
      endDate: new Date(END),
    }).exchange,
  );
  for (const strategy of STRATEGIES) engine.addStrategy(strategy);
  const errors: Error[] = [];
  engine.listenError((error) => errors.push(error));
  const results: LiveResult[] = [];
  const run = engine.Live.run("BTCUSDT", {
    strategyName: options.strategyName,
    exchangeName: "replay",
    persist: options.persist ?? createMemoryPersist(),
    ...(options.broker === undefined ? {} : { broker: options.broker }),
  });
  try {
    for await (const result of run) results.push(result);
  } catch (error) {
    errors.push(error as Error);
  }
  await engine.dispose();
  return { results, errors };
}

const closedOf = (results: readonly LiveResult[]) =>
  results.filter((result): result is ClosedResult => result.action === "closed");
const fillsOf = (trades: readonly ClosedResult[]) =>
  trades.flatMap((trade) => [...trade.signal.entries, ...trade.signal.exits]);

describe("live orders through a broker, on a replay of real candles", () => {
  for (const { strategyName } of STRATEGIES) {
    it(`${strategyName}: the paper broker fills every leg once, at the fill model's price; the trades do not change`, async () => {
      const reference = await liveRun({ strategyName });
      const paper = createPaperBroker({ cash: 1e7, percentFee: 0.1 });
      const traded = await liveRun({ strategyName, broker: paper });
      expect(traded.errors).toEqual([]);
      expect(JSON.stringify(traded.results)).toBe(JSON.stringify(reference.results));
      const fills = fillsOf(closedOf(traded.results));
      expect(fills.length).toBeGreaterThan(closedOf(traded.results).length * 2 - 1);
      const venue = await paper.fetchFills("BTCUSDT", 0);
      expect(venue.map((fill) => [fill.price, fill.quantity])).toEqual(
        fills.sort((a, b) => a.timestamp - b.timestamp).map((fill) => [fill.fillPrice, fill.quantity]),
      );
      expect(await paper.fetchOpenOrders()).toEqual([]);
    }, 60_000);
  }

  it("lost answers, dropped requests and 429 storms still place each leg and each protection exactly once", async () => {
    // dip-ladder trades in this window (short-dca, used here before, has no trade in it, so nothing was tested).
    const reference = await liveRun({ strategyName: dipLadder.strategyName });
    const broker = faultyBroker(createPaperBroker({ cash: 1e7 }));
    let calls = 0;
    const armed: Broker = {
      ...broker,
      createOrder(request) {
        // Every third order loses its answer, every fifth is dropped before it leaves, every seventh meets a 429.
        calls++;
        if (calls % 3 === 0) broker.faults.loseAnswers = 1;
        if (calls % 5 === 0) broker.faults.dropRequests = 1;
        if (calls % 7 === 0) broker.faults.rateLimited = 2;
        return broker.createOrder(request);
      },
    };
    const traded = await liveRun({ strategyName: dipLadder.strategyName, broker: armed });
    expect(traded.errors).toEqual([]);
    expect(JSON.stringify(traded.results)).toBe(JSON.stringify(reference.results));
    const legs = fillsOf(closedOf(traded.results)).length;
    expect(legs).toBeGreaterThan(2);
    const protective = /-[st][0-9]+$/;
    const market = broker.placed.filter((placed) => !protective.test(placed));
    expect(market.length).toBe(legs);
    // Each order reached the venue once: a lost answer is looked up, never sent again.
    expect(new Set(broker.placed).size).toBe(broker.placed.length);
    expect(broker.placed.length).toBeGreaterThan(legs);
    expect(calls).toBeGreaterThan(broker.placed.length);
    expect(await broker.fetchOpenOrders()).toEqual([]);
  }, 60_000);

  it("a crash right after an order reached the venue: the restart adopts it and places nothing twice", async () => {
    const persist = createMemoryPersist();
    const venue = createPaperBroker({ cash: 1e7 });
    const placed: string[] = [];
    let crashAt = 2;
    const crashing: Broker = {
      ...venue,
      async createOrder(request) {
        placed.push(request.clientOrderId);
        const order = await venue.createOrder(request);
        if (--crashAt === 0) throw new Error("the process died before it recorded the answer");
        return order;
      },
    };
    const first = await liveRun({ strategyName: dipLadder.strategyName, broker: crashing, persist });
    expect(placed.length, "orders placed before the crash").toBe(2);
    expect(first.errors.map((error) => error.message)).toContain(
      "the process died before it recorded the answer",
    );
    const state = (await persist.read(
      liveStateKey({ strategyName: dipLadder.strategyName, symbol: "BTCUSDT" }),
    )) as unknown as LiveState;
    const unknown = state.orders!.filter((intent) => intent.status === "sent");
    expect(unknown).toHaveLength(1);
    const lost = unknown[0]!.clientOrderId;
    expect(placed.at(-1)).toBe(lost);

    // The next process, on the same state and venue, from the minute the first one died.
    const restartAt = Math.floor(state.runner.scanFrom / 60_000) * 60_000;
    const second = await liveRun({
      strategyName: dipLadder.strategyName,
      broker: {
        ...venue,
        createOrder: (request) => {
          placed.push(request.clientOrderId);
          return venue.createOrder(request);
        },
      },
      persist,
      start: restartAt,
    });
    expect(second.errors).toEqual([]);
    expect(placed.filter((id) => id === lost)).toHaveLength(1);
    expect(new Set(placed).size).toBe(placed.length);
    const reference = await liveRun({ strategyName: dipLadder.strategyName });
    const trades = [...closedOf(first.results), ...closedOf(second.results)];
    // Equal field by field (a restored row lists its fields in another order, so not byte for byte).
    expect(trades).toEqual(closedOf(reference.results));
    expect((await venue.fetchFills("BTCUSDT", 0)).length).toBe(fillsOf(trades).length);
  }, 60_000);
});
