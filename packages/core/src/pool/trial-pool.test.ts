import { fileURLToPath } from "node:url";
import { createCsvExchange, createTrialPool, loadSharedCandles, type SharedCandles } from "@candlewick/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runTrialJob, type SmaTrialJob, type SmaTrialResult } from "./__fixtures__/sma-trial-runner.js";

// Real BTCUSDT 1m candles (data/candles: 2025-05-20 → 2025-08-18), loaded once here and shared with the workers.
const dir = fileURLToPath(new URL("../../../../data/candles", import.meta.url));
const runnerModule = new URL("./__fixtures__/sma-trial-runner.ts", import.meta.url);

const job = (trialNumber: number, fast: number, slow: number): SmaTrialJob => ({
  studyId: "pool-test",
  trialNumber,
  params: { fast, slow },
  symbols: ["BTCUSDT"],
  candles: { kind: "csv", dir },
  frame: {
    interval: "1m",
    startMs: Date.parse("2025-06-01T00:00:00Z"),
    endMs: Date.parse("2025-06-15T00:00:00Z"),
  },
  objective: { statistic: "totalPnl", aggregate: "mean" },
  metrics: ["tradeCount", "winRate"],
});

describe("createTrialPool", () => {
  let candles: SharedCandles;
  let pool: ReturnType<typeof createTrialPool<SmaTrialJob, SmaTrialResult>>;

  beforeAll(async () => {
    candles = await loadSharedCandles(
      createCsvExchange({ exchangeName: "trial-csv", dir }),
      "BTCUSDT",
      "1m",
      new Date("2025-05-20T00:00:00Z"),
      new Date("2025-08-18T00:00:00Z"),
    );
    pool = createTrialPool<SmaTrialJob, SmaTrialResult>({ workers: 2, candles: [candles], runnerModule });
  }, 60_000);

  afterAll(() => pool.close());

  it("loads the candles once into shared memory (48 bytes a candle)", () => {
    // 2025-05-20 00:00 → 2025-08-18 00:00 is 90 days of minutes, the file has no gaps.
    expect(candles.length).toBe(90 * 1440);
    expect(candles.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(candles.buffer.byteLength).toBe(90 * 1440 * 48);
  });

  it("runs jobs on the workers from the shared candles with the in-process result", async () => {
    const jobs = [job(0, 5, 20), job(1, 10, 30), job(2, 20, 60)];
    const pooled = await Promise.all(jobs.map((each) => pool.run(each)));
    for (const [index, each] of jobs.entries()) {
      const inProcess = await runTrialJob(each);
      const { exchangeRequests1m, sharesAdopted, ...metrics } = pooled[index]!.metrics;
      const { exchangeRequests1m: ownRequests, sharesAdopted: ownAdopted, ...ownMetrics } = inProcess.metrics;
      expect(pooled[index]!.value).toBe(inProcess.value);
      expect(metrics).toEqual(ownMetrics);
      expect(metrics.tradeCount).toBeGreaterThan(0);
      // The worker's engine adopted the share and asked its exchange for no 1m candle; in process it loaded them.
      expect(sharesAdopted).toBe(1);
      expect(exchangeRequests1m).toBe(0);
      expect(ownAdopted).toBe(0);
      expect(ownRequests).toBeGreaterThan(0);
    }
    expect(new Set(pooled.map((result) => result.value)).size).toBe(3);
  }, 120_000);

  it("copies only the job to a worker: the candles are referred to, not sent", () => {
    const bytes = pool.taskBytes();
    expect(bytes.tasks).toBeGreaterThanOrEqual(3);
    expect(bytes.lastTaskBytes).toBeLessThan(2048);
    expect(bytes.sharedBytesReferenced / bytes.tasks).toBe(candles.buffer.byteLength);
  });

  it("hands the workers the calling thread's memory itself", async () => {
    const probe = createTrialPool<null, { close: number; shared: boolean }>({
      workers: 1,
      candles: [candles],
      runnerModule,
      exportName: "readFirstClose",
    });
    try {
      const closes = new Float64Array(candles.buffer, 4 * candles.length * 8, candles.length);
      const original = closes[0]!;
      expect(await probe.run(null)).toEqual({ close: original, shared: true });
      // A write here after the pool started is seen by the worker: one memory, not a copy.
      closes[0] = 123.5;
      expect((await probe.run(null)).close).toBe(123.5);
      closes[0] = original;
    } finally {
      await probe.close();
    }
  }, 60_000);

  it("runs a job on the candles it is given instead of the pool's", async () => {
    const probe = createTrialPool<null, { close: number; shared: boolean }>({
      workers: 1,
      candles: [candles],
      runnerModule,
      exportName: "readFirstClose",
    });
    try {
      const july = await loadSharedCandles(
        createCsvExchange({ exchangeName: "trial-csv", dir }),
        "BTCUSDT",
        "1m",
        new Date("2025-07-01T00:00:00Z"),
        new Date("2025-07-02T00:00:00Z"),
      );
      const julyFirstClose = new Float64Array(july.buffer, 4 * july.length * 8, july.length)[0]!;
      const mayFirstClose = new Float64Array(candles.buffer, 4 * candles.length * 8, candles.length)[0]!;
      expect(julyFirstClose).not.toBe(mayFirstClose);
      expect(await probe.run(null, [july])).toEqual({ close: julyFirstClose, shared: true });
      expect((await probe.run(null)).close).toBe(mayFirstClose);
      await expect(probe.run(null, [{ ...july, buffer: new ArrayBuffer(8) } as never])).rejects.toThrow(
        /"candles"/,
      );
    } finally {
      await probe.close();
    }
  }, 60_000);

  it("names a bad option", () => {
    expect(() =>
      createTrialPool({ workers: 1, candles: [candles], runnerModule, imports: ["strategy.ts"] }),
    ).toThrow(/"imports" is "strategy.ts"; expected absolute paths or file: URLs/);
    expect(() => createTrialPool({ workers: 0, candles: [candles], runnerModule })).toThrow(
      /"workers" is 0; expected a whole number/,
    );
    expect(() => createTrialPool({ workers: 1, candles: [candles], runnerModule: "relative.ts" })).toThrow(
      /"runnerModule"/,
    );
  });

  it("reports a runner's error naming the runner", async () => {
    const broken = createTrialPool({ workers: 1, candles: [candles], runnerModule, exportName: "missing" });
    try {
      await expect(broken.run(null)).rejects.toThrow(
        /the runner missing of .*sma-trial-runner\.ts failed: .*no function export "missing"/,
      );
    } finally {
      await broken.close();
    }
  }, 60_000);
});
