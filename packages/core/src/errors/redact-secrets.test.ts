import { inspect } from "node:util";
import {
  CandlewickError,
  describeValue,
  ExchangeError,
  InvalidArgumentError,
  isSecretName,
  PersistError,
  parseWithSchema,
  REDACTED,
  redactSecrets,
  redactSecretsInText,
} from "@candlewick/core";
import { describe, expect, it } from "vitest";
import { z } from "zod";

// Known secrets, each long and unique enough that finding one anywhere can only mean a leak.
const API_KEY = "AKIA-test-key-7f3b2c9d1e";
const SECRET = "sec-0a1b2c3d4e5f6a7b8c9d";
const PASSWORD = "hunter2-pw-Zq8xW4";
const TOKEN = "tok-55aa66bb77cc88dd";
const PRIVATE_KEY = "pk-1111-2222-3333-4444";
const SIGNATURE = "9f86d081884c7d659a2feaa0c55ad015";
const ALL_SECRETS = [API_KEY, SECRET, PASSWORD, TOKEN, PRIVATE_KEY, SIGNATURE];

/** Every way an error reaches a user or a log: String(), message, stack, details, JSON, and node's inspect. */
function renderings(error: CandlewickError): Record<string, string> {
  return {
    string: String(error),
    message: error.message,
    stack: error.stack ?? "",
    details: JSON.stringify(error.details),
    json: JSON.stringify(error),
    inspect: inspect(error, { depth: Number.POSITIVE_INFINITY, showHidden: true }),
  };
}

function expectNoSecret(error: unknown): void {
  expect(CandlewickError.isInstance(error)).toBe(true);
  for (const [where, text] of Object.entries(renderings(error as CandlewickError))) {
    for (const secret of ALL_SECRETS) {
      expect(text.includes(secret), `${secret} leaked through ${where}:\n${text}`).toBe(false);
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

describe("secrets never appear in errors", () => {
  it("parseWithSchema: a bad value under a credential-named field", () => {
    const schema = z.object({ apiKey: z.string().min(64), secret: z.string() });
    const error = thrown(() => parseWithSchema("test", schema, { apiKey: API_KEY, secret: SECRET }));
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect(error.message).toContain('"apiKey"');
    expect(error.message).toContain(REDACTED);
    expectNoSecret(error);
    expect((error as InvalidArgumentError).value).toBe(REDACTED);
  });

  it("parseWithSchema: an object carrying credentials where something else was expected", () => {
    const schema = z.object({ exchange: z.string() });
    const error = thrown(() =>
      parseWithSchema("test", schema, { exchange: { id: "binance", apiKey: API_KEY, secret: SECRET } }),
    );
    expect(error.message).toContain('"exchange"');
    expect(error.message).toContain("binance"); // what is not secret is still shown
    expectNoSecret(error);
    expect(error.details.value).toEqual({ id: "binance", apiKey: REDACTED, secret: REDACTED });
  });

  it("parseWithSchema: nested objects and arrays, any letter case and separator", () => {
    const schema = z.object({ connection: z.string(), accounts: z.string() });
    const nested = {
      connection: { host: "db", Auth: { PASSWORD: PASSWORD, "access-token": TOKEN } },
      accounts: [{ private_key: PRIVATE_KEY }],
    };
    const first = thrown(() => parseWithSchema("test", schema, nested));
    expectNoSecret(first);
    expect(first.details.value).toEqual({ host: "db", Auth: REDACTED });
    const second = thrown(() => parseWithSchema("test", schema, { ...nested, connection: "db" }));
    expectNoSecret(second);
    expect(second.details.value).toEqual([{ private_key: REDACTED }]);
  });

  it("parseWithSchema: an unknown credential-named key, at the top and nested", () => {
    const schema = z.object({ db: z.object({ host: z.string() }).strict() }).strict();
    const top = thrown(() => parseWithSchema("test", schema, { db: { host: "h" }, token: TOKEN }));
    expect(top.message).toContain('"token"');
    expectNoSecret(top);
    const nested = thrown(() => parseWithSchema("test", schema, { db: { host: "h", password: PASSWORD } }));
    expect(nested.message).toContain('"db.password"');
    expectNoSecret(nested);
  });

  it("describeValue masks credential fields and URL passwords", () => {
    const described = [
      describeValue({ apiKey: API_KEY, nested: { deeper: { secret: SECRET } } }),
      describeValue([{ password: PASSWORD }]),
      describeValue(`redis://default:${PASSWORD}@cache.internal:6379/0`),
      describeValue(`https://api.example.com/v1/account?timestamp=1&signature=${SIGNATURE}`),
    ].join("\n");
    for (const secret of ALL_SECRETS) expect(described).not.toContain(secret);
    expect(describeValue(`redis://default:${PASSWORD}@cache.internal:6379/0`)).toBe(
      `"redis://default:${REDACTED}@cache.internal:6379/0"`,
    );
  });

  it("InvalidArgumentError: a URL string with a password, echoed as the value", () => {
    const url = `rediss://app:${PASSWORD}@cache.internal:6380`;
    const error = new InvalidArgumentError("persist-redis", "url", url, "a redis:// or rediss:// URL");
    expect(error.message).toContain("rediss://app:");
    expect(error.message).toContain("@cache.internal:6380");
    expectNoSecret(error);
    expect(error.value).toBe(`rediss://app:${REDACTED}@cache.internal:6380`);
  });

  it("any CandlewickError: credentials in the message text and in details", () => {
    const error = new CandlewickError(
      "X",
      `GET https://api.example.com/v3/account?apiKey=${API_KEY}&timestamp=1&signature=${SIGNATURE} 401 ` +
        `{"secret": "${SECRET}"} Authorization: Bearer ${TOKEN} password=${PASSWORD}`,
      { details: { config: { user: "me", privateKey: PRIVATE_KEY }, urls: [`ws://u:${PASSWORD}@h`] } },
    );
    expectNoSecret(error);
    expect(error.message).toContain("https://api.example.com/v3/account?apiKey=");
    expect(error.message).toContain("timestamp=1");
    expect(error.message).toBe(
      `GET https://api.example.com/v3/account?apiKey=${REDACTED}&timestamp=1&signature=${REDACTED} 401 ` +
        `{"secret": "${REDACTED}"} Authorization: ${REDACTED} password=${REDACTED}`,
    );
    expect(redactSecretsInText(error.message)).toBe(error.message); // masking twice changes nothing
    expect(error.details).toEqual({
      config: { user: "me", privateKey: REDACTED },
      urls: [`ws://u:${REDACTED}@h`],
    });
  });

  it("a cause that carries a secret, however deep, is replaced by a masked copy of the same class", () => {
    class VendorError extends Error {
      override name = "VendorError";
      readonly request = { url: "https://x", headers: { "X-API-KEY": API_KEY } };
    }
    const root = new VendorError(`GET https://api.example.com/v1/orders?signature=${SIGNATURE}`);
    const middle = new TypeError(`wrapped: token=${TOKEN}`, { cause: root });
    const error = new ExchangeError("vendor", "order failed", { cause: middle });
    expectNoSecret(error);
    expect(error.cause).toBeInstanceOf(TypeError);
    expect((error.cause as Error).cause).toBeInstanceOf(VendorError);
    expect(((error.cause as Error).cause as VendorError).request.headers["X-API-KEY"]).toBe(REDACTED);
  });

  it("a secret found in details is also masked wherever else it was repeated", () => {
    const error = new CandlewickError("X", `login as ${PASSWORD} failed`, {
      details: { password: PASSWORD },
      cause: new Error(`the server said: bad password ${PASSWORD}`),
    });
    expectNoSecret(error);
    expect(error.message).toBe(`login as ${REDACTED} failed`);
  });

  it("a class instance holding credentials (e.g. a ccxt Exchange) is not serialised with them", () => {
    class FakeExchange {
      id = "binance";
      apiKey = API_KEY;
      secret = SECRET;
      markets = { "BTC/USDT": { id: "BTCUSDT" } };
    }
    const error = new InvalidArgumentError("test", "exchange", new FakeExchange(), "a string");
    expectNoSecret(error);
    expect(error.message).toContain("binance");
  });
});

describe("what is not a secret is left alone", () => {
  it("keeps ordinary messages, details and values, by identity where nothing changed", () => {
    const value = { limit: 10, symbol: "BTCUSDT", keys: ["a"], key: "live:sma:BTCUSDT" };
    const error = new InvalidArgumentError("test", "options", value, "something else");
    expect(error.value).toBe(value);
    expect(error.details.value).toBe(value);
    const persist = new PersistError("redis", "write failed", { location: "candlewick:live:sma" });
    expect(persist.details).toEqual({ adapter: "redis", location: "candlewick:live:sma" });
    expect(persist.message).toBe("[persist-redis] write failed");
    const cause = new Error("plain");
    expect(new ExchangeError("x", "failed", { cause }).cause).toBe(cause);
  });

  it("keeps URLs without credentials and words that merely contain a credential name's letters", () => {
    const text = "see https://host:8080/path?symbol=BTCUSDT&limit=5 — keyboard, tokens=3, passed, signal: x";
    expect(redactSecretsInText(text)).toBe(text);
  });

  it("masks a URL's user info when it has no password (it may be a token), and an unencoded @ in a password", () => {
    expect(redactSecretsInText(`https://${TOKEN}@github.com/x.git`)).toBe(
      `https://${REDACTED}@github.com/x.git`,
    );
    expect(redactSecretsInText(`redis://u:${PASSWORD}@x@h:6379`)).toBe(`redis://u:${REDACTED}@h:6379`);
  });

  it("recognises credential-like names", () => {
    for (const name of [
      "apiKey",
      "API_KEY",
      "secret",
      "clientSecret",
      "password",
      "passphrase",
      "privateKey",
      "token",
      "accessToken",
      "uid",
      "twofa",
      "signature",
      "Authorization",
    ]) {
      expect(isSecretName(name), name).toBe(true);
    }
    for (const name of ["key", "symbol", "limit", "location", "keys", "tokens", "exchangeName", "passed"]) {
      expect(isSecretName(name), name).toBe(false);
    }
  });

  it("an unreadable value (a revoked proxy) neither throws nor gets shown", () => {
    const { proxy, revoke } = Proxy.revocable({ password: PASSWORD }, {});
    revoke();
    expect(describeValue(proxy)).toBe("an unreadable object");
    const error = new CandlewickError("X", "failed", { details: { value: proxy }, cause: proxy });
    expect(error.message).toBe("failed");
    expect(error.details).toEqual({ unreadable: REDACTED });
  });

  it("redactSecrets copies only what it changes and survives cycles", () => {
    const shared = { a: 1 };
    const cyclic: Record<string, unknown> = { shared, password: PASSWORD };
    cyclic.self = cyclic;
    const out = redactSecrets(cyclic) as Record<string, unknown>;
    expect(out).not.toBe(cyclic);
    expect(out.password).toBe(REDACTED);
    expect(out.shared).toBe(shared);
    expect(out.self).toBe(out);
    expect(cyclic.password).toBe(PASSWORD); // the input is never mutated
  });
});
