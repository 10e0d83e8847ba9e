import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { createCsvExchange } from "@candlewick/core";
import { readCandleCsv, tableToCandles } from "@candlewick/core/internal";
import { describe, expect, it } from "vitest";
import { MAY31, MINUTE, spotBtc } from "../test-support/binance-setup.js";
import { useTempDirs } from "../test-support/temp-dir.js";
import { createCandleCache } from "./candle-cache.js";

const tempDir = useTempDirs();

// Issue 10: core's CSV reader used to reject the `#` metadata lines the cache writes at the top of each file.
describe("a cache file written by exchange-ccxt, read by core's CSV reader", () => {
  it("gives back the same candles, through readCandleCsv and through createCsvExchange", async () => {
    const dir = await tempDir();
    const candles = spotBtc.map((row) => row.candle); // real Binance 1m candles, 2025-05-31 and 06-01
    const cache = createCandleCache(dir);
    const series = { exchange: "binance", symbol: "BTC/USDT", interval: "1m" } as const;
    await cache.write(series, candles, { from: MAY31, to: MAY31 + candles.length * MINUTE });
    await cache.flush();

    const seriesDir = join(dir, "binance", "BTC_USDT", "1m");
    expect(await readdir(seriesDir)).toEqual(["2025-05.csv.gz", "2025-06.csv.gz"]);
    const may = tableToCandles(await readCandleCsv(join(seriesDir, "2025-05.csv.gz")));
    const june = tableToCandles(await readCandleCsv(join(seriesDir, "2025-06.csv.gz")));
    expect([...may, ...june]).toEqual(candles);
    expect(may).toHaveLength(1440); // 2025-05-31, one day of minutes

    const exchange = createCsvExchange({ files: { BTCUSDT: { "1m": join(seriesDir, "2025-06.csv.gz") } } });
    expect(await exchange.getCandles("BTCUSDT", "1m", new Date(MAY31), 5000)).toEqual(june);
  });
});
