import { readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { ExchangeError } from "@candlewick/core";
import ccxt from "ccxt";
import { describe, expect, it } from "vitest";
import { createCcxtExchange } from "./index.js";
import { binanceSetup, haltBtc, JUN2, MAY31, MINUTE, spotBtc } from "./test-support/binance-setup.js";
import { createFakeBinance } from "./test-support/fake-binance.js";
import { useTempDirs } from "./test-support/temp-dir.js";

const tempDir = useTempDirs();
const candlesOf = (rows: typeof spotBtc) => rows.map((row) => row.candle);

/** An adapter whose ccxt instance cannot reach anything: every request fails and is recorded. */
function disconnected(dir: string, offline: boolean) {
  const http = createFakeBinance({});
  const exchange = http.attach(new ccxt.binance());
  http.disable();
  const adapter = createCcxtExchange({ exchange, cache: { dir, offline }, now: () => JUN2, maxRetries: 0 });
  return { http, adapter };
}

describe("the on-disk candle cache behind createCcxtExchange", () => {
  it("round trip: candles downloaded once are served offline, identical, with no request", async () => {
    const dir = await tempDir();
    const online = binanceSetup({ cache: { dir } });
    const downloaded = await online.adapter.getCandles("BTCUSDT", "1m", new Date(MAY31), 2880);
    expect(downloaded).toEqual(candlesOf(spotBtc));

    const files = await readdir(join(dir, "binance", "BTC_USDT", "1m"));
    expect(files.sort()).toEqual(["2025-05.csv.gz", "2025-06.csv.gz"]);
    const may = gunzipSync(
      await readFile(join(dir, "binance", "BTC_USDT", "1m", "2025-05.csv.gz")),
    ).toString();
    expect(may.split("\n").slice(0, 8)).toEqual([
      "# candlewick candle cache v1",
      "# exchange: binance",
      "# symbol: BTC/USDT",
      "# interval: 1m",
      "# chunk: 2025-05",
      `# covered: ${MAY31}-${Date.UTC(2025, 5, 1)}`,
      "timestamp,open,high,low,close,volume",
      "1748649600000,103985.47,104136.76,103929.72,104102.09,61.86434",
    ]);

    const offline = disconnected(dir, true);
    expect(await offline.adapter.getCandles("BTCUSDT", "1m", new Date(MAY31), 2880)).toEqual(downloaded);
    expect(await offline.adapter.formatPrice("BTCUSDT", 105573.7345)).toBe("105573.73");
    expect(offline.http.requests).toHaveLength(0);
  });

  it("online, serves cached ranges from disk: only exchangeInfo goes out, never klines", async () => {
    const dir = await tempDir();
    await binanceSetup({ cache: { dir } }).adapter.getCandles("BTCUSDT", "1m", new Date(MAY31), 2880);
    const again = binanceSetup({ cache: { dir } }, {});
    expect(await again.adapter.getCandles("BTCUSDT", "1m", new Date(MAY31), 2880)).toEqual(
      candlesOf(spotBtc),
    );
    expect(again.http.requestsTo("/klines")).toHaveLength(0);
  });

  it("fetches only what is missing", async () => {
    const dir = await tempDir();
    const { http, adapter } = binanceSetup({ cache: { dir } });
    await adapter.getCandles("BTCUSDT", "1m", new Date(MAY31 + 500 * MINUTE), 500);
    await adapter.getCandles("BTCUSDT", "1m", new Date(MAY31), 2880);
    expect(
      http.requestsTo("/api/v3/klines").map((request) => [request.params.startTime, request.params.limit]),
    ).toEqual([
      [`${MAY31 + 500 * MINUTE}`, "500"],
      [`${MAY31}`, "500"],
      [`${MAY31 + 1000 * MINUTE}`, "1000"],
      [`${MAY31 + 2000 * MINUTE}`, "880"],
    ]);
  });

  it("remembers a checked gap: the 2023-03-24 halt is not asked for again", async () => {
    const dir = await tempDir();
    const start = Date.UTC(2023, 2, 24, 10);
    const options = { cache: { dir }, now: () => Date.UTC(2023, 2, 25) };
    const first = binanceSetup(options, { "spot:BTCUSDT:1m": haltBtc });
    expect(await first.adapter.getCandles("BTCUSDT", "1m", new Date(start), 280)).toEqual(candlesOf(haltBtc));
    const second = binanceSetup(options, { "spot:BTCUSDT:1m": haltBtc });
    expect(await second.adapter.getCandles("BTCUSDT", "1m", new Date(start), 280)).toEqual(
      candlesOf(haltBtc),
    );
    expect(second.http.requestsTo("/klines")).toHaveLength(0);
  });

  it("asks again for the still-growing end: candles not yet published are not recorded as missing", async () => {
    const dir = await tempDir();
    const firstNow = MAY31 + 600 * MINUTE + 30_000;
    // The exchange has published up to 09:56 although 09:57-09:59 have closed too (a publication delay).
    const published = spotBtc.filter((row) => row.timestamp < MAY31 + 597 * MINUTE);
    const first = binanceSetup({ cache: { dir }, now: () => firstNow }, { "spot:BTCUSDT:1m": published });
    expect(await first.adapter.getCandles("BTCUSDT", "1m", new Date(MAY31), 600)).toHaveLength(597);

    const later = binanceSetup({ cache: { dir }, now: () => firstNow + 60 * MINUTE });
    const candles = await later.adapter.getCandles("BTCUSDT", "1m", new Date(MAY31), 660);
    expect(candles).toEqual(candlesOf(spotBtc.slice(0, 660)));
    expect(later.http.requestsTo("/api/v3/klines").map((request) => request.params.startTime)).toEqual([
      `${MAY31 + 597 * MINUTE}`,
    ]);
  });

  it("offline: the cached span is all of history; a hole inside it, or an uncached series, is a clear miss", async () => {
    const dir = await tempDir();
    const online = binanceSetup({ cache: { dir } });
    await online.adapter.getCandles("BTCUSDT", "1m", new Date(MAY31), 1000);
    const { adapter, http } = disconnected(dir, true);

    // Past the downloaded end: what is cached, then nothing (the end of the data).
    expect(await adapter.getCandles("BTCUSDT", "1m", new Date(MAY31 + 900 * MINUTE), 500)).toEqual(
      candlesOf(spotBtc.slice(900, 1000)),
    );
    expect(await adapter.getCandles("BTCUSDT", "1m", new Date(MAY31 + 1000 * MINUTE), 500)).toEqual([]);
    // Before the downloaded start (the core's warm-up request): history starts at the first cached candle.
    expect(await adapter.getCandles("BTCUSDT", "1m", new Date(MAY31 - 60 * MINUTE), 10)).toEqual(
      candlesOf(spotBtc.slice(0, 10)),
    );

    const uncached = await adapter.getCandles("BTCUSDT", "1h", new Date(MAY31), 10).catch((e) => e);
    expect(uncached).toBeInstanceOf(ExchangeError);
    expect(uncached.message).toMatch(/offline cache miss: no cached BTC\/USDT 1h candles in /);

    await online.adapter.getCandles("BTCUSDT", "1m", new Date(MAY31 + 2000 * MINUTE), 880);
    const hole = await adapter
      .getCandles("BTCUSDT", "1m", new Date(MAY31 + 900 * MINUTE), 500)
      .catch((e) => e);
    expect(hole.message).toMatch(
      /offline cache miss: no cached BTC\/USDT 1m candles for 2025-05-31T16:40:00.000Z → 2025-05-31T23:20:00.000Z/,
    );

    const unknown = await adapter.getCandles("ETHUSDT", "1m", new Date(MAY31), 10).catch((e) => e);
    expect(unknown.message).toMatch(
      /unknown symbol "ETHUSDT" in the offline cache at .*; close matches: BTC\/USDT/,
    );
    expect(http.requests).toHaveLength(0);
  });

  it("fetches a range once when two calls want it at the same time", async () => {
    const dir = await tempDir();
    const { http, adapter } = binanceSetup({ cache: { dir } });
    const [a, b] = await Promise.all([
      adapter.getCandles("BTCUSDT", "1m", new Date(MAY31), 2880),
      adapter.getCandles("BTCUSDT", "1m", new Date(MAY31), 2880),
    ]);
    expect(a).toEqual(b);
    expect(http.requestsTo("/api/v3/klines")).toHaveLength(3);
  });

  it("fails closed on a corrupt cache file, naming it", async () => {
    const dir = await tempDir();
    await binanceSetup({ cache: { dir } }).adapter.getCandles("BTCUSDT", "1m", new Date(MAY31), 10);
    const file = join(dir, "binance", "BTC_USDT", "1m", "2025-05.csv.gz");
    await writeFile(file, "not gzip");
    const error = await disconnected(dir, true)
      .adapter.getCandles("BTCUSDT", "1m", new Date(MAY31), 10)
      .catch((e) => e);
    expect(error).toBeInstanceOf(ExchangeError);
    expect(error.message).toContain(`${file} is unreadable`);
  });

  it("leaves no temporary file behind", async () => {
    const dir = await tempDir();
    await binanceSetup({ cache: { dir } }).adapter.getCandles("BTCUSDT", "1m", new Date(MAY31), 2880);
    const entries = await readdir(dir, { recursive: true });
    expect(entries.filter((entry) => entry.endsWith(".tmp"))).toEqual([]);
    expect(entries.map((entry) => entry.split("\\").join("/")).sort()).toEqual([
      "binance",
      "binance/BTC_USDT",
      "binance/BTC_USDT/1m",
      "binance/BTC_USDT/1m/2025-05.csv.gz",
      "binance/BTC_USDT/1m/2025-06.csv.gz",
      "binance/BTC_USDT/market.json",
    ]);
  });
});
