import { InvalidArgumentError } from "@candlewick/core";
import ccxt from "ccxt";
import { describe, expect, it } from "vitest";
import { createCcxtExchange, type DownloadProgress, downloadCandles } from "./index.js";
import {
  binanceSetup,
  haltBtc,
  JUN2,
  MAY31,
  MINUTE,
  spotBtc,
  spotEth,
} from "./test-support/binance-setup.js";
import { createFakeBinance } from "./test-support/fake-binance.js";
import { useTempDirs } from "./test-support/temp-dir.js";

const tempDir = useTempDirs();
const NOON31 = MAY31 + 12 * 60 * MINUTE;
const NOON1 = NOON31 + 24 * 60 * MINUTE;

describe("downloadCandles", () => {
  it("downloads several symbols into the cache, reporting progress up to the expected row count", async () => {
    const cacheDir = await tempDir();
    const { http, exchange } = binanceSetup();
    const progress: DownloadProgress[] = [];
    const summary = await downloadCandles({
      exchange,
      symbols: ["BTCUSDT", "ETH/USDT"],
      interval: "1m",
      from: new Date(NOON31),
      to: new Date(NOON1),
      cacheDir,
      now: () => JUN2,
      onProgress: (entry) => progress.push(entry),
    });

    expect(summary).toMatchObject({
      exchangeId: "binance",
      interval: "1m",
      range: { from: NOON31, to: NOON1 },
      rows: 2880,
    });
    expect(summary.symbols).toEqual([
      {
        symbol: "BTCUSDT",
        marketSymbol: "BTC/USDT",
        rows: 1440,
        fetchedRows: 1440,
        fetchedRanges: [{ from: NOON31, to: NOON1 }],
        cachedRanges: [],
        gaps: [],
        firstTimestamp: NOON31,
        lastTimestamp: NOON1 - MINUTE,
      },
      expect.objectContaining({
        symbol: "ETH/USDT",
        marketSymbol: "ETH/USDT",
        rows: 1440,
        fetchedRows: 1440,
      }),
    ]);
    expect(progress.map((entry) => [entry.symbol, entry.rowsDone, entry.rowsExpected])).toEqual([
      ["BTCUSDT", 1000, 2880],
      ["BTCUSDT", 1440, 2880],
      ["ETH/USDT", 2440, 2880],
      ["ETH/USDT", 2880, 2880],
    ]);
    expect(http.requestsTo("/api/v3/klines")).toHaveLength(4);

    // The backtest side: an offline adapter over that cache serves the same candles.
    const offline = createCcxtExchange({ exchange: "binance", cache: { dir: cacheDir, offline: true } });
    const btc = spotBtc
      .filter((row) => row.timestamp >= NOON31 && row.timestamp < NOON1)
      .map((row) => row.candle);
    const eth = spotEth
      .filter((row) => row.timestamp >= NOON31 && row.timestamp < NOON1)
      .map((row) => row.candle);
    expect(await offline.getCandles("BTCUSDT", "1m", new Date(NOON31), 5000)).toEqual(btc);
    expect(await offline.getCandles("ETHUSDT", "1m", new Date(NOON31), 5000)).toEqual(eth);
  });

  it("asks for nothing already cached, and still reports full progress", async () => {
    const cacheDir = await tempDir();
    const options = {
      symbols: ["BTCUSDT"],
      interval: "1m",
      from: new Date(NOON31),
      to: new Date(NOON1),
      cacheDir,
      now: () => JUN2,
    } as const;
    await downloadCandles({ ...options, exchange: binanceSetup().exchange });
    const again = binanceSetup();
    const progress: number[] = [];
    const summary = await downloadCandles({
      ...options,
      exchange: again.exchange,
      onProgress: (p) => progress.push(p.rowsDone),
    });
    expect(summary.symbols[0]).toMatchObject({
      rows: 1440,
      fetchedRows: 0,
      fetchedRanges: [],
      cachedRanges: [{ from: NOON31, to: NOON1 }],
    });
    expect(progress).toEqual([1440]);
    expect(again.http.requestsTo("/klines")).toHaveLength(0);
  });

  it("resumes an interrupted download where it stopped", async () => {
    const cacheDir = await tempDir();
    const options = {
      symbols: ["BTCUSDT"],
      interval: "1m",
      from: new Date(MAY31),
      to: new Date(JUN2),
      cacheDir,
      now: () => JUN2,
      maxRetries: 0,
    } as const;
    const broken = binanceSetup();
    broken.http.failNext("/api/v3/klines", { kind: "pass" }, { kind: "pass" }, { kind: "network" });
    const failure = await downloadCandles({ ...options, exchange: broken.exchange }).catch((error) => error);
    expect(failure.message).toMatch(/fetchOHLCV BTC\/USDT 1m failed with NetworkError/);

    const resumed = binanceSetup();
    const summary = await downloadCandles({ ...options, exchange: resumed.exchange });
    expect(summary.symbols[0]).toMatchObject({
      rows: 2880,
      fetchedRows: 880,
      cachedRanges: [{ from: MAY31, to: MAY31 + 2000 * MINUTE }],
      fetchedRanges: [{ from: MAY31 + 2000 * MINUTE, to: JUN2 }],
    });
    expect(resumed.http.requestsTo("/api/v3/klines").map((request) => request.params.startTime)).toEqual([
      `${MAY31 + 2000 * MINUTE}`,
    ]);
    const offline = createCcxtExchange({ exchange: "binance", cache: { dir: cacheDir, offline: true } });
    expect(await offline.getCandles("BTCUSDT", "1m", new Date(MAY31), 5000)).toEqual(
      spotBtc.map((row) => row.candle),
    );
  });

  it("reports gaps in the summary and through onGap", async () => {
    const cacheDir = await tempDir();
    const http = createFakeBinance({ "spot:BTCUSDT:1m": haltBtc });
    const gaps: unknown[] = [];
    const summary = await downloadCandles({
      exchange: http.attach(new ccxt.binance()),
      symbols: ["BTCUSDT"],
      interval: "1m",
      from: new Date(Date.UTC(2023, 2, 24, 10)),
      to: new Date(Date.UTC(2023, 2, 24, 16)),
      cacheDir,
      onGap: (gap) => gaps.push(gap),
    });
    const gap = {
      symbol: "BTC/USDT",
      interval: "1m",
      from: Date.UTC(2023, 2, 24, 12, 40),
      to: Date.UTC(2023, 2, 24, 14),
      missing: 80,
    };
    expect(summary.symbols[0]).toMatchObject({ rows: 280, gaps: [gap] });
    expect(gaps).toEqual([gap]);
  });

  it("validates its options", async () => {
    const base = { exchange: "binance", symbols: ["BTCUSDT"], interval: "1m", cacheDir: "/tmp/x" } as const;
    await expect(downloadCandles({ ...base, from: new Date(JUN2), to: new Date(MAY31) })).rejects.toThrow(
      '[exchange-ccxt] "to"',
    );
    await expect(
      downloadCandles({ ...base, symbols: [], from: new Date(MAY31), to: new Date(JUN2) }),
    ).rejects.toBeInstanceOf(InvalidArgumentError);
    await expect(
      downloadCandles({ ...base, interval: "2d" as "1d", from: new Date(MAY31), to: new Date(JUN2) }),
    ).rejects.toThrow(/"interval"/);
  });
});
