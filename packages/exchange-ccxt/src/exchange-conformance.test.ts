import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runExchangeConformance } from "@candlewick/testkit";
import ccxt from "ccxt";
import { afterAll } from "vitest";
import { createCcxtExchange, downloadCandles } from "./index.js";
import { binanceSetup, JUN2, MAY31 } from "./test-support/binance-setup.js";
import { createFakeBinance } from "./test-support/fake-binance.js";
import { createFakeBybit } from "./test-support/fake-bybit.js";
import { fixtureRows } from "./test-support/fixtures.js";

const since = new Date(MAY31 + 1500 * 60_000);

// One ccxt instance per exchange (its markets load once); every case gets a fresh adapter over it.
const binance = binanceSetup().exchange;
runExchangeConformance(
  "ccxt binance, recorded responses",
  () => createCcxtExchange({ exchange: binance, now: () => JUN2 }),
  {
    symbol: "BTCUSDT",
    interval: "1m",
    since,
  },
);

const perpBtc = fixtureRows("binance-perp-BTCUSDT-1m-2025-06-01.csv.gz");
const JUN3 = Date.UTC(2025, 5, 3);
const bybit = createFakeBybit({ "linear:BTCUSDT:1": perpBtc }, () => JUN3).attach(new ccxt.bybit());
runExchangeConformance(
  "ccxt bybit, recorded responses",
  () => createCcxtExchange({ exchange: bybit, now: () => JUN3 }),
  { symbol: "BTCUSDT", interval: "1m", since: new Date(Date.UTC(2025, 5, 2)) },
);

// The offline cache is a source of its own: fill it once from the recorded responses, then cut the network.
const cacheDir = mkdtempSync(join(tmpdir(), "candlewick-ccxt-conformance-"));
afterAll(() => rmSync(cacheDir, { recursive: true, force: true }));
let filled: Promise<unknown> | undefined;
runExchangeConformance(
  "ccxt binance, offline cache",
  async () => {
    filled ??= downloadCandles({
      exchange: binanceSetup().exchange,
      symbols: ["BTCUSDT"],
      interval: "1m",
      from: new Date(MAY31),
      to: new Date(JUN2),
      cacheDir,
      now: () => JUN2,
    });
    await filled;
    const http = createFakeBinance({});
    http.disable();
    return createCcxtExchange({
      exchange: http.attach(new ccxt.binance()),
      cache: { dir: cacheDir, offline: true },
    });
  },
  { symbol: "BTCUSDT", interval: "1m", since },
);
