import { inspect } from "node:util";
import { addExchange, CandlewickError, ExchangeError, InvalidArgumentError } from "@candlewick/core";
import ccxt from "ccxt";
import { describe, expect, it } from "vitest";
import {
  type CcxtExchangeOptions,
  createCcxtExchange,
  downloadCandles,
  importCandlesCsv,
  mapCcxtError,
} from "./index.js";
import { binanceSetup, JUN2, MAY31 } from "./test-support/binance-setup.js";
import type { RecordedRequest } from "./test-support/fake-http.js";

// Credentials as a user would configure them on a ccxt instance; unique strings, so a hit can only be a leak.
const API_KEY = "vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A";
const SECRET = "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j";
const PASSWORD = "trading-passphrase-81f2";
const UID = "uid-5599182734";
const CREDENTIALS = { apiKey: API_KEY, secret: SECRET, password: PASSWORD, uid: UID };

/** Every way an error reaches a user or a log. */
function renderings(error: CandlewickError): Record<string, string> {
  return {
    string: String(error),
    message: error.message,
    stack: error.stack ?? "",
    details: JSON.stringify(error.details),
    json: JSON.stringify(error),
    inspect: inspect(error, { depth: 12, showHidden: true, maxArrayLength: 10_000, maxStringLength: 1e6 }),
  };
}

/** Fails if any of `secrets` appears in any rendering of `error`. */
function expectNoSecret(error: unknown, secrets: readonly string[] = Object.values(CREDENTIALS)): void {
  expect(CandlewickError.isInstance(error), String(error)).toBe(true);
  for (const [where, text] of Object.entries(renderings(error as CandlewickError))) {
    for (const secret of secrets) {
      expect(
        text.includes(secret),
        `${secret.slice(0, 12)}… leaked through ${where}:\n${text.slice(0, 3000)}`,
      ).toBe(false);
    }
  }
}

function thrown(run: () => unknown): CandlewickError {
  try {
    run();
  } catch (caught) {
    return caught as CandlewickError;
  }
  throw new Error("expected a throw");
}

const keyedBinance = () => new ccxt.binance({ ...CREDENTIALS });

/** The signatures ccxt computed for the signed requests a test sent: they must not leak either. */
const signaturesOf = (requests: readonly RecordedRequest[]): string[] =>
  requests.map((request) => request.params.signature).filter((value): value is string => value !== undefined);

describe("createCcxtExchange never echoes credentials in its errors", () => {
  it("credentials on a plain object instead of a ccxt instance", () => {
    const error = thrown(() =>
      createCcxtExchange({ exchange: { id: "binance", ...CREDENTIALS } as unknown as string }),
    );
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect(error.message).toContain('"exchange"');
    expectNoSecret(error);
  });

  it.each<[string, Record<string, unknown>]>([
    ["maxRetries", { maxRetries: -1 }],
    ["baseDelayMs", { baseDelayMs: "fast" }],
    ["maxDelayMs", { maxDelayMs: Number.NaN }],
    ["cache.dir", { cache: { dir: "" } }],
    ["cache.offline", { cache: { dir: "/tmp/x", offline: "yes" } }],
    ["cache.offlin", { cache: { dir: "/tmp/x", offlin: true } }],
    ["pageSize", { pageSize: 0 }],
    ["maxCandlesPerRequest", { maxCandlesPerRequest: 1.5 }],
    ["onGap", { onGap: "log" }],
    ["now", { now: 1 }],
    ["exchangeName", { exchangeName: "" }],
    ["maxRetry", { maxRetry: 3 }],
    ["apiKey", { ...CREDENTIALS }],
    ["secret", { secret: SECRET }],
  ])("bad option %s next to a keyed ccxt instance", (field, bad) => {
    const error = thrown(() =>
      createCcxtExchange({ exchange: keyedBinance(), ...bad } as CcxtExchangeOptions),
    );
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect((error as InvalidArgumentError).field).toBe(field);
    expectNoSecret(error);
  });

  it("an unknown exchange id or a credential in the wrong option", () => {
    expectNoSecret(
      thrown(() => createCcxtExchange({ exchange: "binanse", apiKey: API_KEY } as CcxtExchangeOptions)),
    );
    expectNoSecret(thrown(() => createCcxtExchange({ exchange: API_KEY })));
    expectNoSecret(
      thrown(() => createCcxtExchange({ exchange: "binance", exchangeName: { ...CREDENTIALS } as never })),
    );
  });

  it("downloadCandles and importCandlesCsv options", async () => {
    const download = await downloadCandles({
      exchange: keyedBinance(),
      symbols: ["BTCUSDT"],
      interval: "1m",
      from: new Date(JUN2),
      to: new Date(MAY31),
      cacheDir: "/tmp/never-written",
    }).catch((caught: unknown) => caught);
    expect((download as InvalidArgumentError).field).toBe("to");
    expectNoSecret(download);
    const imported = await importCandlesCsv({
      exchange: keyedBinance() as unknown as string,
      cacheDir: "/tmp/never-written",
      symbol: "BTC/USDT",
      interval: "1m",
      file: "x.csv",
    }).catch((caught: unknown) => caught);
    expect((imported as InvalidArgumentError).field).toBe("exchange");
    expectNoSecret(imported);
  });
});

describe("an adapter over a keyed instance in core's own errors", () => {
  it("addExchange with a bad member shows the adapter (and its ccxt instance) without the credentials", () => {
    const adapter = createCcxtExchange({ exchange: keyedBinance(), exchangeName: "keyed-binance" });
    const error = thrown(() => addExchange({ ...adapter, maxCandlesPerRequest: -1 }));
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expectNoSecret(error);
    const whole = thrown(() => addExchange({ ...adapter, exchangeName: adapter as unknown as string }));
    expectNoSecret(whole);
  });
});

describe("ccxt failures of a keyed instance never carry its credentials", () => {
  // With keys, ccxt.binance's loadMarkets also calls the signed /sapi/v1/capital/config/getall.
  const SIGNED = "/sapi/v1/capital/config/getall";

  it("an authentication error whose body echoes the key it was sent", async () => {
    const { http, adapter } = binanceSetup({ maxRetries: 0 }, undefined, CREDENTIALS);
    http.failNext(SIGNED, {
      kind: "status",
      status: 401,
      body: JSON.stringify({
        code: -2015,
        msg: `Invalid API-key ${API_KEY}, IP, or permissions for action.`,
      }),
    });
    const error = await adapter.getCandles("BTCUSDT", "1m", new Date(MAY31), 5).catch((caught) => caught);
    expect(error).toBeInstanceOf(ExchangeError);
    expect(error.details.ccxtError).toBe("AuthenticationError");
    expect(error.message).toContain("Invalid API-key [redacted]");
    expectNoSecret(error, [...Object.values(CREDENTIALS), ...signaturesOf(http.requestsTo(SIGNED))]);
  });

  it.each([
    [
      "an HTML 502 (ccxt puts the signed URL in the message)",
      { kind: "status", status: 502, body: "<html>Bad Gateway</html>" },
    ],
    ["a connection reset", { kind: "network" }],
    ["an unrecorded endpoint (404)", { kind: "pass" }],
  ] as const)("%s on a signed request", async (_name, fault) => {
    const { http, adapter } = binanceSetup({ maxRetries: 0 }, undefined, CREDENTIALS);
    http.failNext(SIGNED, fault);
    const error = await adapter.getCandles("BTCUSDT", "1m", new Date(MAY31), 5).catch((caught) => caught);
    expect(error).toBeInstanceOf(ExchangeError);
    const signatures = signaturesOf(http.requestsTo(SIGNED));
    expect(signatures.length).toBeGreaterThan(0);
    expectNoSecret(error, [...Object.values(CREDENTIALS), ...signatures]);
  });

  it("mapCcxtError with the instance masks its credentials wherever ccxt put them, and keeps no instance", () => {
    const exchange = keyedBinance();
    const ccxtError = new ccxt.AuthenticationError(
      `binance GET https://api.binance.com/api/v3/account?timestamp=1&signature=abc123def456 401 key ${API_KEY} secret ${SECRET}`,
    );
    const mapped = mapCcxtError(ccxtError, { exchangeName: "binance", operation: "fetchBalance", exchange });
    expectNoSecret(mapped, [...Object.values(CREDENTIALS), "abc123def456"]);
    expect(mapped.cause).toBeInstanceOf(ccxt.AuthenticationError);
    expect(JSON.stringify(mapped.details)).not.toContain("apiKey");
    expect(Object.values(mapped.details)).not.toContain(exchange);
    expect(exchange.apiKey).toBe(API_KEY); // the instance itself is untouched
  });
});
