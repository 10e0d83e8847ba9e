import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { InvalidArgumentError } from "@candlewick/core";
import ccxt from "ccxt";
import { describe, expect, it, vi } from "vitest";
import { createCcxtExchange, importCandlesCsv } from "./index.js";
import { createFakeBinance } from "./test-support/fake-binance.js";
import { fixturePath, fixtureRows } from "./test-support/fixtures.js";
import { useTempDirs } from "./test-support/temp-dir.js";

const tempDir = useTempDirs();
const HOUR = 3_600_000;

describe("importCandlesCsv", () => {
  it("imports a plain CSV with a real 33-hour outage; an offline adapter then serves it and reports the gap", async () => {
    const cacheDir = await tempDir();
    const file = fixturePath("binance-spot-BTCUSDT-1h-2018-02-outage.csv");
    const summary = await importCandlesCsv({
      cacheDir,
      exchange: "binance",
      symbol: "BTC/USDT",
      interval: "1h",
      file,
    });
    const gap = {
      symbol: "BTC/USDT",
      interval: "1h",
      from: Date.UTC(2018, 1, 8, 1),
      to: Date.UTC(2018, 1, 9, 10),
      missing: 33,
    };
    expect(summary).toEqual({
      rows: 63,
      range: { from: Date.UTC(2018, 1, 7), to: Date.UTC(2018, 1, 11) },
      gaps: [gap],
      covered: [{ from: Date.UTC(2018, 1, 7), to: Date.UTC(2018, 1, 11) }],
    });

    const http = createFakeBinance({});
    http.disable();
    const onGap = vi.fn();
    const adapter = createCcxtExchange({
      exchange: http.attach(new ccxt.binance()),
      cache: { dir: cacheDir, offline: true },
      onGap,
    });
    const candles = await adapter.getCandles("BTCUSDT", "1h", new Date(Date.UTC(2018, 1, 7)), 96);
    expect(candles).toEqual(
      fixtureRows("binance-spot-BTCUSDT-1h-2018-02-outage.csv").map((row) => row.candle),
    );
    expect(onGap).toHaveBeenCalledWith(gap);
    // Offline, a known gap longer than the request does not end the data: the walk goes on to the next candle.
    const across = await adapter.getCandles("BTCUSDT", "1h", new Date(Date.UTC(2018, 1, 8)), 2);
    expect(across.map((candle) => candle.timestamp)).toEqual([
      Date.UTC(2018, 1, 8),
      Date.UTC(2018, 1, 9, 10),
    ]);
    // No market description was saved for imported data: formatting falls back to plain decimals.
    expect(await adapter.formatPrice("BTCUSDT", 7655.020000001)).toBe("7655.02");
    expect(http.requests).toHaveLength(0);
  });

  it("with trustGaps false, marks only the runs, so an online adapter asks the exchange for the hole", async () => {
    const cacheDir = await tempDir();
    const file = fixturePath("binance-spot-BTCUSDT-1m-2023-03-24-halt.csv.gz");
    const summary = await importCandlesCsv({
      cacheDir,
      exchange: "binance",
      symbol: "BTC/USDT",
      interval: "1m",
      file,
      trustGaps: false,
    });
    expect(summary.covered).toEqual([
      { from: Date.UTC(2023, 2, 24, 10), to: Date.UTC(2023, 2, 24, 12, 40) },
      { from: Date.UTC(2023, 2, 24, 14), to: Date.UTC(2023, 2, 24, 16) },
    ]);

    const http = createFakeBinance({
      "spot:BTCUSDT:1m": fixtureRows("binance-spot-BTCUSDT-1m-2023-03-24-halt.csv.gz"),
    });
    const adapter = createCcxtExchange({
      exchange: http.attach(new ccxt.binance()),
      cache: { dir: cacheDir },
      now: () => Date.UTC(2023, 2, 25),
    });
    expect(await adapter.getCandles("BTCUSDT", "1m", new Date(Date.UTC(2023, 2, 24, 10)), 280)).toHaveLength(
      280,
    );
    expect(
      http.requestsTo("/api/v3/klines").map((request) => [request.params.startTime, request.params.endTime]),
    ).toEqual([[`${Date.UTC(2023, 2, 24, 12, 40)}`, `${Date.UTC(2023, 2, 24, 14) - 1}`]]);
  });

  it("rejects a malformed line or an insane candle, naming the file and the line", async () => {
    const dir = await tempDir();
    const badLine = join(dir, "bad-line.csv");
    await writeFile(
      badLine,
      "timestamp,open,high,low,close,volume\n1517961600000,7655.02,7770,7388,7541.06,3101.4\n1517965200000,7541.06,oops,7400,7500,1\n",
    );
    const error = await importCandlesCsv({
      cacheDir: dir,
      exchange: "binance",
      symbol: "BTC/USDT",
      interval: "1h",
      file: badLine,
    }).catch((e) => e);
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect(error.message).toContain(
      `${badLine}:3: "1517965200000,7541.06,oops,7400,7500,1" is not 6 numbers`,
    );

    const insane = join(dir, "insane.csv");
    await writeFile(insane, "1517961600000,7655.02,7600,7388,7641.06,3101.4\n");
    await expect(
      importCandlesCsv({
        cacheDir: dir,
        exchange: "binance",
        symbol: "BTC/USDT",
        interval: "1h",
        file: insane,
      }),
    ).rejects.toThrow('bad candle at 2018-02-07T00:00:00.000Z: "high" 7600 is below open/close');

    const misaligned = join(dir, "misaligned.csv");
    await writeFile(misaligned, `${Date.UTC(2018, 1, 7) + HOUR / 2},1,1,1,1,1\n`);
    await expect(
      importCandlesCsv({
        cacheDir: dir,
        exchange: "binance",
        symbol: "BTC/USDT",
        interval: "1h",
        file: misaligned,
      }),
    ).rejects.toThrow(
      `"timestamp" ${Date.UTC(2018, 1, 7) + HOUR / 2} is not aligned to the interval (3600000 ms)`,
    );

    await expect(
      importCandlesCsv({
        cacheDir: dir,
        exchange: "binance",
        symbol: "BTCUSDT",
        interval: "1h",
        file: insane,
      }),
    ).rejects.toThrow(/expected a unified ccxt symbol/);
  });
});
