import { inspect } from "node:util";
import { CandlewickError } from "@candlewick/core";
import { binanceCcxtConfig, type VenueEmulator } from "@candlewick/venue-emulator";
import ccxt from "ccxt";
import { afterEach, describe, expect, it } from "vitest";
import { createCcxtBroker } from "./ccxt-broker.js";
import { API_KEY, binanceOn, SECRET, startVenue } from "./test-support/emulator.js";

let venue: VenueEmulator | undefined;
afterEach(async () => {
  await venue?.stop();
  venue = undefined;
});

/** Every way a value reaches a user or a log. */
function renderings(value: unknown): Record<string, string> {
  const out: Record<string, string> = {
    string: String(value),
    json: JSON.stringify(value) ?? "",
    inspect: inspect(value, {
      depth: 12,
      showHidden: true,
      getters: true,
      maxArrayLength: 10_000,
      maxStringLength: 1e6,
    }),
  };
  if (CandlewickError.isInstance(value)) {
    out.message = value.message;
    out.stack = value.stack ?? "";
    out.details = JSON.stringify(value.details);
  }
  return out;
}

function expectNoSecret(value: unknown, secrets: readonly string[]): void {
  for (const [where, text] of Object.entries(renderings(value))) {
    for (const secret of secrets) {
      expect(
        text.includes(secret),
        `${secret.slice(0, 10)}… leaked through ${where}:\n${text.slice(0, 2000)}`,
      ).toBe(false);
    }
  }
}

function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (caught) {
    return caught;
  }
  throw new Error("expected a throw");
}

const caught = (call: Promise<unknown>) =>
  call.then(
    () => expect.fail("expected a failure"),
    (error: unknown) => error,
  );

/**
 * Records the signatures an instance computes (the emulator's log redacts them): they must not leak either. Only
 * observes ccxt's own `sign`; the request goes out unchanged.
 */
function recordSignatures<T extends object>(exchange: T): { exchange: T; signatures: string[] } {
  const signatures: string[] = [];
  const target = exchange as unknown as { sign: (...args: unknown[]) => { url: string; body?: string } };
  const sign = target.sign.bind(exchange);
  target.sign = (...args) => {
    const signed = sign(...args);
    const found = /signature=([0-9a-f]{64})/.exec(`${signed.url} ${signed.body ?? ""}`)?.[1];
    if (found !== undefined) signatures.push(found);
    return signed;
  };
  return { exchange, signatures };
}

describe("the ccxt broker's options never echo a credential", () => {
  const keyed = () => new ccxt.binance({ apiKey: API_KEY, secret: SECRET });

  it.each<[string, Record<string, unknown>]>([
    ["apiKey next to an instance", { exchange: keyed(), apiKey: API_KEY }],
    ["secret next to an instance", { exchange: keyed(), secret: SECRET }],
    ["ccxtOptions next to an instance", { exchange: keyed(), ccxtOptions: { apiKey: API_KEY } }],
    [
      "a key inside ccxtOptions",
      { exchangeId: "binance", apiKey: API_KEY, secret: SECRET, ccxtOptions: { secret: SECRET } },
    ],
    ["a bad name beside keys", { exchangeId: "binance", apiKey: API_KEY, secret: SECRET, brokerName: "" }],
    [
      "an unknown option beside keys",
      { exchangeId: "binance", apiKey: API_KEY, secret: SECRET, apiSecret: SECRET },
    ],
    ["a key given as the exchange id", { exchangeId: API_KEY }],
    [
      "keys on a plain object as the exchange",
      { exchange: { id: "binance", apiKey: API_KEY, secret: SECRET } },
    ],
    ["an empty secret beside a key", { exchangeId: "binance", apiKey: API_KEY, secret: "" }],
  ])("%s", (_name, options) => {
    const error = thrown(() => createCcxtBroker(options as never));
    expect(CandlewickError.isInstance(error), String(error)).toBe(true);
    expectNoSecret(error, [API_KEY, SECRET]);
  });

  it("the broker itself (inspected, serialised) holds no key, for an instance or for keys from the environment", () => {
    expectNoSecret(createCcxtBroker({ exchange: keyed() }), [API_KEY, SECRET]);
    const fromEnv = createCcxtBroker({
      exchangeId: "binance",
      env: { CANDLEWICK_BINANCE_API_KEY: API_KEY, CANDLEWICK_BINANCE_API_SECRET: SECRET },
    });
    expectNoSecret(fromEnv, [API_KEY, SECRET]);
  });
});

describe("venue failures never carry the credentials (the real ccxt.binance against the emulator)", () => {
  it("a wrong secret and a wrong key: rejected authentication, neither key nor signature shown", async () => {
    venue = await startVenue();
    const signed = recordSignatures(binanceOn(venue, { secret: "not-the-secret-3b9f" }));
    const wrongSecret = createCcxtBroker({ exchange: signed.exchange });
    const badSignature = await caught(wrongSecret.fetchBalance());
    expect(badSignature).toMatchObject({ kind: "rejected", reason: "authentication" });
    const keyed = recordSignatures(binanceOn(venue, { apiKey: "someoneElsesKey8812" }));
    const wrongKey = createCcxtBroker({ exchange: keyed.exchange });
    const badKey = await caught(
      wrongKey.createOrder({
        clientOrderId: "cw-1",
        symbol: "BTCUSDT",
        side: "buy",
        type: "market",
        quantity: 0.001,
      }),
    );
    expect(badKey).toMatchObject({ kind: "rejected", reason: "authentication" });
    const secrets = [
      API_KEY,
      SECRET,
      "not-the-secret-3b9f",
      "someoneElsesKey8812",
      ...signed.signatures,
      ...keyed.signatures,
    ];
    expect(secrets.length).toBeGreaterThan(4);
    expectNoSecret(badSignature, secrets);
    expectNoSecret(badKey, secrets);
  });

  it("a venue answer that echoes the key and the secret, a 5xx, a lost answer, a rejection", async () => {
    venue = await startVenue();
    const { exchange, signatures } = recordSignatures(binanceOn(venue));
    const broker = createCcxtBroker({ exchange });
    venue.faults.serverError({
      path: "/api/v3/account",
      status: 500,
      body: {
        code: -2015,
        msg: `Invalid API-key ${API_KEY} with secret ${SECRET}, IP, or permissions for action.`,
      },
    });
    const echoed = await caught(broker.fetchBalance());
    expect((echoed as Error).message).toContain("[redacted]");
    venue.faults.serverError({ status: 502 });
    const gateway = await caught(broker.fetchOpenOrders("BTCUSDT"));
    venue.faults.dropResponse({ path: "/api/v3/order" });
    const lost = await caught(
      broker.createOrder({
        clientOrderId: "cw-2",
        symbol: "BTCUSDT",
        side: "buy",
        type: "market",
        quantity: 0.001,
      }),
    );
    const poor = await caught(
      broker.createOrder({
        clientOrderId: "cw-3",
        symbol: "BTCUSDT",
        side: "buy",
        type: "market",
        quantity: 1,
      }),
    );
    expect([echoed, gateway, lost, poor].map((e) => (e as { kind: string }).kind)).toEqual([
      "rejected",
      "transient",
      "transient",
      "rejected",
    ]);
    expect(signatures.length).toBeGreaterThanOrEqual(4);
    for (const error of [echoed, gateway, lost, poor])
      expectNoSecret(error, [API_KEY, SECRET, ...signatures]);
  });

  it("what the broker returns (orders, fills, balances) holds no credential", async () => {
    venue = await startVenue();
    const { apiKey: _k, secret: _s, ...ccxtOptions } = binanceCcxtConfig(venue, { enableRateLimit: false });
    const broker = createCcxtBroker({
      exchangeId: "binance",
      ccxtOptions,
      env: { CANDLEWICK_API_KEY: API_KEY, CANDLEWICK_API_SECRET: SECRET },
    });
    const results = [
      await broker.createOrder({
        clientOrderId: "cw-4",
        symbol: "BTCUSDT",
        side: "buy",
        type: "market",
        quantity: 0.001,
      }),
      await broker.fetchOrder("BTCUSDT", "cw-4"),
      await broker.fetchOpenOrders(),
      await broker.fetchFills("BTCUSDT", 0),
      await broker.fetchBalance(),
    ];
    expectNoSecret(results, [API_KEY, SECRET]);
    expectNoSecret(broker, [API_KEY, SECRET]);
  });
});
