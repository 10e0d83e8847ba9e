import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  type Broker,
  createCsvExchange,
  createEngine,
  createPaperBroker,
  createReplay,
  getCandles,
  type LiveResult,
  type StrategySchema,
} from "@candlewick/core";
import { afterEach, describe, expect, it } from "vitest";
import { createFsPersist } from "./fs-persist.js";

// An operator halts a running deployment from another engine (another process in production) through the same
// persist-fs folder; the halt outlives the run until it is cleared. Real BTCUSDT candles, replayed.
const dataDir = fileURLToPath(new URL("../../../data/candles/sets/spot-2026-03", import.meta.url));
const START = Date.UTC(2026, 3, 1, 0);
const END = Date.UTC(2026, 3, 1, 10);

const bracket: StrategySchema = {
  strategyName: "halt-bracket",
  interval: "1m",
  async getSignal(symbol) {
    const [last] = await getCandles(symbol, "1m", 1);
    if (last === undefined) return null;
    return {
      position: "long",
      priceTakeProfit: last.close * 1.006,
      priceStopLoss: last.close * 0.994,
      minuteEstimatedTime: 60,
      quantity: 0.01,
    };
  },
};

/** `onOpened` is awaited in the loop body: the run does not go on until it resolved (a consumer's backpressure). */
async function deployment(dir: string, broker: Broker, onOpened?: () => Promise<unknown>) {
  const engine = createEngine({ config: { initialCapital: 1e6 } });
  engine.addExchange(
    createReplay({
      source: createCsvExchange({ exchangeName: "csv", dir: dataDir }),
      exchangeName: "replay",
      startDate: new Date(START),
      endDate: new Date(END),
    }).exchange,
  );
  engine.addStrategy(bracket);
  const results: LiveResult[] = [];
  let fatal: Error | undefined;
  let told = false;
  try {
    for await (const result of engine.Live.run("BTCUSDT", {
      strategyName: bracket.strategyName,
      exchangeName: "replay",
      persist: createFsPersist({ baseDir: dir }),
      broker,
    })) {
      results.push(result);
      if (result.action === "opened" && !told) {
        told = true;
        await onOpened?.();
      }
    }
  } catch (error) {
    fatal = error as Error;
  }
  await engine.dispose();
  return { results, fatal };
}

describe("halting a live deployment across engines on one persist-fs folder", () => {
  let dir: string | undefined;
  afterEach(async () => {
    if (dir !== undefined) await rm(dir, { recursive: true, force: true });
  });

  it("the run flattens and ends; a restart stays halted; once cleared it trades again", async () => {
    dir = await mkdtemp(join(tmpdir(), "cw-halt-"));
    const folder = dir;
    const operator = createEngine();
    const operatorPersist = createFsPersist({ baseDir: folder });
    const target = { strategyName: bracket.strategyName, persist: operatorPersist };
    const paper = createPaperBroker({ cash: 1e7 });
    const first = await deployment(folder, paper, () =>
      operator.Live.halt("BTCUSDT", { ...target, flatten: true, reason: "maintenance" }),
    );
    expect(first.fatal).toBeUndefined();
    // The flag was written while the first position was open; the next tick read it, closed the position at
    // market and the run ended, hours before the replay's end.
    expect(first.results.map((result) => result.action)).toEqual(["opened", "closed"]);
    const [opened, last] = first.results;
    expect(last!.action === "closed" && last!.closeReason).toBe("closed");
    expect(last!.timestamp).toBe(opened!.timestamp + 60_000);
    expect(await paper.fetchPositions!()).toEqual([]);
    expect(await paper.fetchOpenOrders()).toEqual([]);
    expect(await operator.Live.haltOf("BTCUSDT", target)).toMatchObject({
      by: "operator",
      reason: "maintenance",
      flatten: true,
    });

    // Restarted while halted: nothing sent, nothing delivered, a normal end.
    const sent: string[] = [];
    const counting: Broker = {
      ...paper,
      createOrder: (request) => {
        sent.push(request.clientOrderId);
        return paper.createOrder(request);
      },
    };
    const restart = await deployment(folder, counting);
    expect(restart.fatal).toBeUndefined();
    expect(restart.results).toEqual([]);
    expect(sent).toEqual([]);

    await operator.Live.clearHalt("BTCUSDT", target);
    const cleared = await deployment(folder, counting);
    expect(cleared.fatal).toBeUndefined();
    expect(cleared.results.filter((result) => result.action === "opened").length).toBeGreaterThan(0);
    expect(sent.length).toBeGreaterThan(0);
    await operator.dispose();
  }, 120_000);
});
