import type { Candle } from "@candlewick/core";
import { loadCandleFixture } from "@candlewick/sdk";
import { beforeAll, describe, expect, it } from "vitest";
import averages from "./__fixtures__/averages-strategy.js";
import { analyzeWarmup } from "./analyze-warmup.js";

const FROM = new Date("2025-06-05T00:00:00Z");
const TO = new Date("2025-06-06T00:00:00Z");
const QUARTER = 15 * 60_000;
const TOLERANCE = 1e-4;
const MAX_HISTORY = 300;

let candles: Candle[];
beforeAll(async () => {
  candles = await loadCandleFixture("BTCUSDT", { from: new Date("2025-06-01T00:00:00Z"), to: TO });
});

/** 15m closes by open time, rolled up here from the 1m candles: the close of each quarter's last minute. */
function quarterCloses(): Map<number, number> {
  const closes = new Map<number, number>();
  for (const candle of candles) {
    if ((candle.timestamp + 60_000) % QUARTER === 0)
      closes.set(candle.timestamp + 60_000 - QUARTER, candle.close);
  }
  return closes;
}

/** EMA(20) from the last `length` closes, seeded with the first (the textbook recursion, written out here). */
function ema(closes: readonly number[], length: number): number {
  const alpha = 2 / 21;
  const window = closes.slice(closes.length - length);
  let value = window[0]!;
  for (const close of window.slice(1)) value = close * alpha + value * (1 - alpha);
  return value;
}

describe("analyzeWarmup", () => {
  it("finds that SMA(20) needs exactly 20 candles and EMA(20) far more, within the geometric bound", async () => {
    const report = await analyzeWarmup(averages, {
      candles,
      from: FROM,
      to: TO,
      samples: 96,
      tolerance: TOLERANCE,
      maxHistory: MAX_HISTORY,
    });
    const [sma, emaWarmup] = report.indicators;
    expect(report.indicators.map((use) => use.label)).toEqual(["sma(20)", "ema(20)"]);
    // One decision every 15 minutes for a day, each with 4 days of history (384 quarters > 300).
    expect(sma!.samples).toBe(96);
    expect(sma!.reference).toBe(MAX_HISTORY);
    expect(sma!.warmup).toBe(20);

    // The expected EMA warm-up, by brute force over the same times with the recursion above.
    const closes = quarterCloses();
    let expected = 0;
    for (let time = FROM.getTime(); time < TO.getTime(); time += QUARTER) {
      const history: number[] = [];
      for (let open = time - MAX_HISTORY * QUARTER; open < time; open += QUARTER)
        history.push(closes.get(open)!);
      const reference = ema(history, MAX_HISTORY);
      let needed = MAX_HISTORY;
      while (needed > 20 && Math.abs(ema(history, needed - 1) - reference) <= TOLERANCE * reference) needed--;
      expected = Math.max(expected, needed);
    }
    expect(emaWarmup!.warmup).toBe(expected);
    // The bound by hand: the seed's weight after n more closes is (1 − α)^n, α = 2/21; with the seed within 100 %
    // of the average, (19/21)^n < 1e-4 holds from n = 93 (ln 1e-4 / ln(19/21) = 92.03), so at most 94 candles.
    expect(Math.ceil(Math.log(TOLERANCE) / Math.log(19 / 21))).toBe(93);
    expect(emaWarmup!.warmup).toBeLessThanOrEqual(94);
    expect(emaWarmup!.warmup).toBeGreaterThan(2 * 20);
    // The sdk's own stream warm-up (200 candles) leaves the EMA far inside the tolerance.
    expect(emaWarmup!.streamWarmup).toBe(200);
    expect(emaWarmup!.streamDeviation).not.toBeNull();
    expect(emaWarmup!.streamDeviation).toBeLessThan(TOLERANCE);
  });

  it("refuses a plain StrategySchema, naming the field", async () => {
    await expect(
      analyzeWarmup({ strategyName: "x", interval: "1m", getSignal: () => null } as never, { candles }),
    ).rejects.toThrow(/strategy/);
  });
});
