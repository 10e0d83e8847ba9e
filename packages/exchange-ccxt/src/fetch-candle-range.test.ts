import { MINUTE_MS } from "@candlewick/core/internal";
import type { Exchange } from "ccxt";
import { describe, expect, it } from "vitest";
import { type FetchedPage, fetchCandleRange, SETTLE_MS } from "./fetch-candle-range.js";

const MINUTE = MINUTE_MS;
const row = (minute: number) => [minute * MINUTE, 10, 11, 9, 10.5, 1];

/** A stand-in for a ccxt instance that answers fetchOHLCV from a list of minutes. */
function stubExchange(minutes: number[], honoursUntil: boolean) {
  const calls: Array<{ since: number; limit: number; until: number }> = [];
  const exchange = {
    async fetchOHLCV(
      _symbol: string,
      _timeframe: string,
      since: number,
      limit: number,
      params: { until: number },
    ) {
      calls.push({ since, limit, until: params.until });
      const end = honoursUntil ? params.until : Number.POSITIVE_INFINITY;
      return minutes
        .filter((minute) => minute * MINUTE >= since && minute * MINUTE <= end)
        .slice(0, limit)
        .map(row);
    },
  } as unknown as Exchange;
  return { exchange, calls };
}

async function collect(minutes: number[], options: { honoursUntil?: boolean; now: number; to: number }) {
  const { exchange, calls } = stubExchange(minutes, options.honoursUntil ?? true);
  const pages: FetchedPage[] = [];
  await fetchCandleRange(
    {
      exchange,
      exchangeName: "stub",
      symbol: "X/Y",
      interval: "1m",
      timeframe: "1m",
      pageLimit: 10,
      retry: { maxRetries: 0, baseDelayMs: 0, maxDelayMs: 0 },
      now: () => options.now,
    },
    { from: 0, to: options.to },
    (page) => {
      pages.push(page);
    },
  );
  return { pages, calls };
}

describe("fetchCandleRange", () => {
  it("walks the range in windows of pageLimit, passing since, limit and until", async () => {
    const { calls, pages } = await collect([0, 1, 2, 15, 16, 24], { now: 1e12, to: 25 * MINUTE });
    expect(calls).toEqual([
      { since: 0, limit: 10, until: 10 * MINUTE - 1 },
      { since: 10 * MINUTE, limit: 10, until: 20 * MINUTE - 1 },
      { since: 20 * MINUTE, limit: 5, until: 25 * MINUTE - 1 },
    ]);
    // Long closed windows are known in full, empty slots included.
    expect(pages.map((page) => page.covered)).toEqual([
      { from: 0, to: 10 * MINUTE },
      { from: 10 * MINUTE, to: 20 * MINUTE },
      { from: 20 * MINUTE, to: 25 * MINUTE },
    ]);
  });

  it("does not record unpublished recent candles as missing", async () => {
    const now = 30 * MINUTE;
    const { pages } = await collect([20, 21], { now, to: 30 * MINUTE });
    const settled = now - SETTLE_MS;
    expect(pages.at(-1)!.covered).toEqual({ from: 20 * MINUTE, to: settled });
    const { pages: quiet } = await collect([], { now, to: 30 * MINUTE });
    expect(quiet.at(-1)!.covered).toEqual({ from: 20 * MINUTE, to: settled });
  });

  it("trusts no silence from an exchange that ignores until", async () => {
    const { pages } = await collect([3, 4, 15], { honoursUntil: false, now: 1e12, to: 20 * MINUTE });
    expect(pages[0]!.candles.map((candle) => candle.timestamp)).toEqual([3 * MINUTE, 4 * MINUTE]);
    expect(pages[0]!.covered).toEqual({ from: 0, to: 5 * MINUTE });
  });
});
