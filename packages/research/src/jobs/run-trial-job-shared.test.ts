import { fileURLToPath } from "node:url";
import { createCsvExchange, createEngine, createTrialPool } from "@candlewick/core";
import { createStrategySchema } from "@candlewick/sdk";
import { describe, expect, it } from "vitest";
import smaCross from "./__fixtures__/sma-cross.js";
import { createTrialJobRunner } from "./run-trial-job.js";
import type { TrialJob, TrialJobResult } from "./trial-job.js";

// Trials of one process read the 1m candles of a (folder, symbol, frame) from shared memory after the first
// loaded them; pool workers read the calling thread's. Either way the results are those of a plain backtest.

const dir = fileURLToPath(new URL("../../../../data/candles/sets/spot-2026-03/", import.meta.url));
const strategyModule = fileURLToPath(new URL("./__fixtures__/sma-cross.ts", import.meta.url));
const runnerModule = fileURLToPath(new URL("./run-trial-job.ts", import.meta.url));
const startMs = Date.parse("2026-03-25T00:00:00Z");
const endMs = startMs + 10 * 86_400_000;
const symbols = ["BTCUSDT", "ETHUSDT"];
const paramSets = [
  { fast: 8, slow: 40, stopLossPct: 0.8 },
  { fast: 12, slow: 60, stopLossPct: 1.5 },
];

const job = (trialNumber: number): TrialJob => ({
  studyId: "shared",
  trialNumber,
  strategyModule,
  params: paramSets[trialNumber]!,
  symbols,
  candles: { kind: "csv", dir },
  frame: { interval: "1m", startMs, endMs },
  objective: { statistic: "totalPnl", aggregate: "sum" },
  metrics: [],
});

/** The job's value computed without the runner: each symbol on an engine set up by hand, total PnL summed. */
async function direct(trialNumber: number): Promise<number> {
  let sum = 0;
  for (const symbol of symbols) {
    const engine = createEngine();
    engine.addExchange(createCsvExchange({ exchangeName: "csv", dir }));
    engine.addFrame({
      frameName: "f",
      interval: "1m",
      startDate: new Date(startMs),
      endDate: new Date(endMs),
    });
    engine.addStrategy(createStrategySchema(smaCross, paramSets[trialNumber]!, { strategyName: "s" }));
    for await (const _ of engine.Backtest.run(symbol, {
      strategyName: "s",
      exchangeName: "csv",
      frameName: "f",
    })) {
      // read back below
    }
    sum += engine.Backtest.getData("s", symbol).totalPnl!;
    await engine.dispose();
  }
  return sum;
}

describe("createTrialJobRunner's shared candles", () => {
  it("loads each (folder, symbol, frame) once; every trial then reads that shared memory, with plain results", async () => {
    const runner = createTrialJobRunner();
    const shares = await runner.sharedCandles(job(0));
    expect(shares.map((share) => [share.symbol, share.interval])).toEqual([
      ["BTCUSDT", "1m"],
      ["ETHUSDT", "1m"],
    ]);
    for (const share of shares) expect(share.buffer).toBeInstanceOf(SharedArrayBuffer);
    // 10 days plus the day of warm-up before the frame, at least
    expect(shares[0]!.length).toBeGreaterThanOrEqual(11 * 1440 - 1);
    const first = await runner(job(0));
    const second = await runner(job(1));
    expect(first.value).toBe(await direct(0));
    expect(second.value).toBe(await direct(1));
    expect(second.value).not.toBe(first.value);
    const again = await runner.sharedCandles(job(1));
    for (const [index, share] of again.entries()) expect(share).toBe(shares[index]);
  });

  it("runs as createTrialPool's runner module, from the calling thread's shares, with the in-process results", async () => {
    const runner = createTrialJobRunner();
    const pool = createTrialPool<TrialJob, TrialJobResult>({
      workers: 2,
      candles: await runner.sharedCandles(job(0)),
      runnerModule,
      exportName: "runTrialJob",
    });
    try {
      const pooled = await Promise.all([pool.run(job(0)), pool.run(job(1))]);
      expect(pooled.map((result) => result.value)).toEqual([await direct(0), await direct(1)]);
      expect(pooled[1]).toEqual(await runner(job(1)));
    } finally {
      await pool.close();
    }
  }, 60_000);
});
