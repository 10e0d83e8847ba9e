import { setTimeout as sleep } from "node:timers/promises";
import {
  addExchange,
  addFrame,
  addStrategy,
  Backtest,
  type BacktestResult,
  type Candle,
  type DoneEvent,
  ExchangeError,
  getCandles,
  listenDoneBacktest,
  listenError,
  listenSignalBacktest,
  type SignalDto,
  type SignalEvent,
} from "@candlewick/core";
import { describe, expect, it } from "vitest";
import { at, createMemoryExchange, MINUTE, uniqueName } from "../testing/memory-exchange.js";

/** A deterministic zig-zag: up 0.3% for 7 minutes, down 0.3% for 7 minutes, and so on. */
function zigzag(start: number, count: number): Candle[] {
  const out: Candle[] = [];
  let price = 100;
  for (let i = 0; i < count; i++) {
    const close = price * (Math.floor(i / 7) % 2 === 0 ? 1.003 : 0.997);
    out.push({
      timestamp: start + i * MINUTE,
      open: price,
      high: Math.max(price, close) * 1.001,
      low: Math.min(price, close) * 0.999,
      close,
      volume: 1,
    });
    price = close;
  }
  return out;
}

function setup(label: string, options: { getCandles?: () => Promise<Candle[]> } = {}) {
  const exchangeName = uniqueName(`${label}-exchange`);
  const strategyName = uniqueName(`${label}-strategy`);
  const frameName = uniqueName(`${label}-frame`);
  const exchange = createMemoryExchange(exchangeName, { TEST: zigzag(at(-10), 400) });
  addExchange(options.getCandles === undefined ? exchange : { exchangeName, getCandles: options.getCandles });
  const asked: number[] = [];
  addStrategy({
    strategyName,
    interval: "1m",
    async getSignal(symbol, when): Promise<SignalDto> {
      asked.push(when.getTime());
      const [last] = await getCandles(symbol, "1m", 1);
      const p = last!.close;
      return {
        position: "long",
        priceTakeProfit: p * 1.006,
        priceStopLoss: p * 0.994,
        minuteEstimatedTime: 20,
      };
    },
  });
  addFrame({ frameName, interval: "1m", startDate: new Date(at(0)), endDate: new Date(at(300)) });
  return { names: { strategyName, exchangeName, frameName }, asked };
}

function listenDone(strategyName: string): DoneEvent[] {
  const done: DoneEvent[] = [];
  listenDoneBacktest((e) => {
    if (e.strategyName === strategyName) done.push(e);
  });
  return done;
}

async function collect(iterator: AsyncIterable<BacktestResult>): Promise<BacktestResult[]> {
  const out: BacktestResult[] = [];
  for await (const result of iterator) out.push(result);
  return out;
}

describe("determinism", () => {
  it("two identical runs produce deep-equal results, signal ids included", async () => {
    const { names } = setup("determinism");
    const first = await collect(Backtest.run("TEST", names));
    const second = await collect(Backtest.run("TEST", names));
    expect(first.length).toBeGreaterThan(5);
    expect(second).toEqual(first);
    const ids = first.map((r) => r.signal.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids)
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  });

  it("a signal's own id is kept", async () => {
    const exchangeName = uniqueName("own-id-exchange");
    const strategyName = uniqueName("own-id-strategy");
    const frameName = uniqueName("own-id-frame");
    addExchange(createMemoryExchange(exchangeName, { TEST: zigzag(at(-10), 100) }));
    addStrategy({
      strategyName,
      interval: "1m",
      getSignal: (_s, when) =>
        when.getTime() === at(0)
          ? {
              position: "long",
              priceTakeProfit: 200,
              priceStopLoss: 90,
              minuteEstimatedTime: 5,
              id: "mine-1",
              note: "hello",
            }
          : null,
    });
    addFrame({ frameName, interval: "1m", startDate: new Date(at(0)), endDate: new Date(at(10)) });
    const [result] = await collect(Backtest.run("TEST", { strategyName, exchangeName, frameName }));
    expect(result!.signal).toMatchObject({ id: "mine-1", note: "hello" });
  });
});

describe("stopping a run", () => {
  it("breaking out of for-await stops the run and emits done with cancelled: true", async () => {
    const { names, asked } = setup("break");
    const done = listenDone(names.strategyName);
    const results: BacktestResult[] = [];
    for await (const result of Backtest.run("TEST", names)) {
      results.push(result);
      if (results.length === 2) break;
    }
    const askedAtBreak = asked.length;
    await sleep(20);
    expect(results).toHaveLength(2);
    expect(asked.length).toBe(askedAtBreak); // nothing ran after the break
    expect(asked.every((when) => when < results[1]!.closeTimestamp + MINUTE)).toBe(true);
    expect(done).toHaveLength(1);
    expect(done[0]).toMatchObject({ cancelled: true, strategyName: names.strategyName });
    expect(done[0]!.error).toBeUndefined();
  });

  it("Backtest.background runs to the end and reports through the event streams", async () => {
    const { names } = setup("bg-full");
    const expected = await collect(Backtest.run("TEST", names));
    const done = listenDone(names.strategyName);
    const closed: SignalEvent[] = [];
    const stop = listenSignalBacktest((e) => {
      if (e.strategyName === names.strategyName && e.action === "closed") closed.push(e);
    });
    Backtest.background("TEST", names);
    for (let i = 0; i < 2000 && done.length === 0; i++) await sleep(1);
    stop();
    expect(done).toEqual([expect.objectContaining({ cancelled: false })]);
    expect(closed).toEqual(expected);
  });

  it("the function Backtest.background returns cancels the run", async () => {
    const { names, asked } = setup("bg-cancel");
    const full = await collect(Backtest.run("TEST", names));
    asked.length = 0;
    const done = listenDone(names.strategyName);
    const closed: SignalEvent[] = [];
    let cancel: () => void = () => undefined;
    const stop = listenSignalBacktest((e) => {
      if (e.strategyName !== names.strategyName || e.action !== "closed") return;
      closed.push(e);
      if (closed.length === 1) cancel();
    });
    cancel = Backtest.background("TEST", names);
    for (let i = 0; i < 2000 && done.length === 0; i++) await sleep(1);
    stop();
    expect(full.length).toBeGreaterThan(5);
    expect(closed).toHaveLength(1);
    expect(asked).toHaveLength(1);
    expect(done).toEqual([expect.objectContaining({ cancelled: true })]);
  });

  it("cancelled before it starts, a background run never asks the strategy", async () => {
    const { names, asked } = setup("bg-immediate");
    const done = listenDone(names.strategyName);
    const cancel = Backtest.background("TEST", names);
    cancel();
    for (let i = 0; i < 2000 && done.length === 0; i++) await sleep(1);
    expect(asked).toEqual([]);
    expect(done).toEqual([expect.objectContaining({ cancelled: true })]);
  });
});

describe("a failing run", () => {
  const failing = () => Promise.reject(new Error("exchange down"));

  it("Backtest.run rejects with an ExchangeError and done carries the error", async () => {
    const { names } = setup("fail-run", { getCandles: failing });
    const done = listenDone(names.strategyName);
    const error = await collect(Backtest.run("TEST", names)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExchangeError);
    expect((error as Error).message).toMatch(
      /^\[fail-run-exchange-\d+\] getCandles\(TEST, 1m, .*\) failed: exchange down$/,
    );
    expect(done).toEqual([expect.objectContaining({ cancelled: false, error })]);
  });

  // DoneEvent.error: Backtest.run throws its fatal error to its consumer (reporting it on listenError too would
  // deliver it twice); background runs, which have no consumer, report it there.
  it("the fatal error of Backtest.run goes to its consumer, not to listenError", async () => {
    const { names } = setup("fail-run-listen", { getCandles: failing });
    const errors: Error[] = [];
    const stop = listenError((e) => void errors.push(e));
    const error = await collect(Backtest.run("TEST", names)).catch((e: unknown) => e);
    stop();
    expect(error).toBeInstanceOf(ExchangeError);
    expect(errors).toEqual([]);
  });

  it("Backtest.background reports its fatal error on listenError before its done event", async () => {
    const { names } = setup("fail-bg-order", { getCandles: failing });
    const order: string[] = [];
    const stopErrors = listenError(() => void order.push("error"));
    const stopDone = listenDoneBacktest((event) => {
      if (event.strategyName === names.strategyName) order.push("done");
    });
    Backtest.background("TEST", names);
    for (let i = 0; i < 2000 && !order.includes("done"); i++) await sleep(1);
    stopErrors();
    stopDone();
    expect(order).toEqual(["error", "done"]);
  });

  it("Backtest.background reports the fatal error on listenError and in done", async () => {
    const { names } = setup("fail-bg", { getCandles: failing });
    const done = listenDone(names.strategyName);
    const errors: Error[] = [];
    const stop = listenError((e) => void errors.push(e));
    Backtest.background("TEST", names);
    for (let i = 0; i < 2000 && done.length === 0; i++) await sleep(1);
    await sleep(1);
    stop();
    expect(errors).toHaveLength(1);
    expect(errors[0]).toBeInstanceOf(ExchangeError);
    expect(done).toEqual([expect.objectContaining({ cancelled: false, error: errors[0] })]);
  });
});
