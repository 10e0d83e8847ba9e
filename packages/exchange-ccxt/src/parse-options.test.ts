import { InvalidArgumentError, REDACTED } from "@candlewick/core";
import { describe, expect, it } from "vitest";
import { type CcxtExchangeOptions, createCcxtExchange, downloadCandles, importCandlesCsv } from "./index.js";

const create = (options: Record<string, unknown>) => () =>
  createCcxtExchange({ exchange: "binance", ...options } as CcxtExchangeOptions);

const ALL_OPTIONS =
  "exchangeName, exchange, cache, maxRetries, baseDelayMs, maxDelayMs, pageSize, maxCandlesPerRequest, onGap, now";

describe("createCcxtExchange rejects unknown options", () => {
  it("names a misspelt option and the one it most likely meant", () => {
    expect(create({ maxRetry: 3 })).toThrow(
      new InvalidArgumentError("exchange-ccxt", "maxRetry", 3, 'a known option; did you mean "maxRetries"?'),
    );
    expect(create({ maxRetry: 3 })).toThrow(
      '[exchange-ccxt] "maxRetry" is 3; expected a known option; did you mean "maxRetries"?',
    );
  });

  it("names every unknown option, each with its close match", () => {
    expect(create({ maxRetry: 3, pagesize: 500, colour: "red" })).toThrow(
      '[exchange-ccxt] "maxRetry" is 3; expected a known option; did you mean "maxRetries"?; ' +
        'also unknown: "pagesize" (did you mean "pageSize"?), "colour"',
    );
  });

  it("lists the options when nothing is close, and looks inside cache too", () => {
    expect(create({ colour: "red" })).toThrow(
      `[exchange-ccxt] "colour" is "red"; expected a known option: ${ALL_OPTIONS}`,
    );
    expect(create({ cache: { dir: "/tmp/c", offlin: true } })).toThrow(
      '[exchange-ccxt] "cache.offlin" is true; expected a known option; did you mean "offline"?',
    );
  });

  it("says where credentials go, without echoing them", () => {
    expect(create({ apiKey: "K3y-that-must-not-show" })).toThrow(
      `[exchange-ccxt] "apiKey" is ${REDACTED}; expected a known option; credentials belong on your own ccxt ` +
        "instance, e.g. exchange: new ccxt.binance({ apiKey, secret })",
    );
  });

  it("downloadCandles and importCandlesCsv are strict too", async () => {
    await expect(downloadCandles({ exchange: "binance", symbol: ["BTCUSDT"] } as never)).rejects.toThrow(
      '[exchange-ccxt] "symbol" is an array of 1; expected a known option; did you mean "symbols"?',
    );
    await expect(importCandlesCsv({ cacheDir: "/tmp/c", trustGap: false } as never)).rejects.toThrow(
      '"trustGap" is false; expected a known option; did you mean "trustGaps"?',
    );
  });
});
