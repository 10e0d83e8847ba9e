import { BrokerError, InvalidArgumentError } from "@candlewick/core";
import ccxt from "ccxt";
import { describe, expect, it } from "vitest";
import { classifyCcxtError, mapBrokerError, retryAfterMsOf } from "./map-broker-error.js";

type ErrorClass = new (message: string) => Error;
const ccxtError = (name: string, message: string) =>
  new (ccxt as unknown as Record<string, ErrorClass>)[name]!(message);
/** A ccxt message as ccxt.binance builds it: the id, then the response body. */
const binance = (code: number, msg: string) => `binance ${JSON.stringify({ code, msg })}`;

describe("classifyCcxtError: ccxt's classes", () => {
  it.each([
    ["RequestTimeout", "transient", "timeout"],
    ["DDoSProtection", "transient", "rate_limited"],
    ["RateLimitExceeded", "transient", "rate_limited"],
    ["OnMaintenance", "transient", "venue_unavailable"],
    ["ExchangeNotAvailable", "transient", "venue_unavailable"],
    ["InvalidNonce", "transient", "network"],
    ["NetworkError", "transient", "network"],
    ["BadResponse", "transient", "venue_unavailable"],
    ["OperationFailed", "transient", "venue_unavailable"],
    ["DuplicateOrderId", "rejected", "duplicate_order"],
    ["OrderNotFound", "not_found", "order_not_found"],
    ["InsufficientFunds", "rejected", "insufficient_balance"],
    ["AuthenticationError", "rejected", "authentication"],
    ["PermissionDenied", "rejected", "authentication"],
    ["OrderImmediatelyFillable", "rejected", "invalid_price"],
    ["InvalidOrder", "rejected", "other"],
    ["BadRequest", "rejected", "other"],
    ["BadSymbol", "rejected", "other"],
    ["ExchangeError", "rejected", "other"],
  ] as const)("%s → %s %s", (name, kind, reason) => {
    expect(classifyCcxtError(ccxtError(name, "bybit something"))).toEqual({ kind, reason });
  });

  it("recognises an error of another copy of ccxt by its class names", () => {
    class BaseError extends Error {}
    class NetworkError extends BaseError {}
    class RequestTimeout extends NetworkError {}
    const foreign = Object.assign(new RequestTimeout("timed out"), { name: "RequestTimeout" });
    expect(classifyCcxtError(foreign)).toEqual({ kind: "transient", reason: "timeout" });
  });

  it("is undefined for anything ccxt did not throw (a bug stays a bug)", () => {
    expect(classifyCcxtError(new TypeError("x is undefined"))).toBeUndefined();
    expect(classifyCcxtError("a string")).toBeUndefined();
  });
});

describe("classifyCcxtError: Binance's codes and messages, whatever class ccxt chose", () => {
  it.each([
    // ccxt's class for each body, as ccxt.binance 4.5.84 throws it against the emulator (venue-emulator README).
    ["BadRequest", -1013, "Filter failure: NOTIONAL", "rejected", "min_notional"],
    ["BadRequest", -1013, "Filter failure: MIN_NOTIONAL", "rejected", "min_notional"],
    ["InvalidOrder", -1013, "Filter failure: LOT_SIZE", "rejected", "invalid_quantity"],
    ["InvalidOrder", -1013, "Filter failure: MARKET_LOT_SIZE", "rejected", "invalid_quantity"],
    ["InvalidOrder", -1013, "Filter failure: PRICE_FILTER", "rejected", "invalid_price"],
    ["InvalidOrder", -1013, "Filter failure: PERCENT_PRICE_BY_SIDE", "rejected", "invalid_price"],
    ["BadRequest", -1013, "Filter failure: MAX_NUM_ORDERS", "rejected", "other"],
    ["BadRequest", -1013, "Market is closed.", "transient", "venue_unavailable"],
    ["InvalidOrder", -2010, "Duplicate order sent.", "rejected", "duplicate_order"],
    [
      "InsufficientFunds",
      -2010,
      "Account has insufficient balance for requested action.",
      "rejected",
      "insufficient_balance",
    ],
    ["OrderImmediatelyFillable", -2010, "Stop price would trigger immediately.", "rejected", "invalid_price"],
    ["InvalidOrder", -2010, "Order would immediately match and take.", "rejected", "invalid_price"],
    ["OrderNotFound", -2011, "Unknown order sent.", "not_found", "order_not_found"],
    ["OrderNotFound", -2013, "Order does not exist.", "not_found", "order_not_found"],
    [
      "AuthenticationError",
      -2015,
      "Invalid API-key, IP, or permissions for action.",
      "rejected",
      "authentication",
    ],
    ["AuthenticationError", -2014, "API-key format invalid.", "rejected", "authentication"],
    ["AuthenticationError", -1022, "Signature for this request is not valid.", "rejected", "authentication"],
    // Without the spot error table ccxt does not know -1008 and throws a plain ExchangeError: a 503 is transient.
    [
      "ExchangeError",
      -1008,
      "Server is currently overloaded with other requests.",
      "transient",
      "venue_unavailable",
    ],
    [
      "OperationFailed",
      -1001,
      "Internal error; unable to process your request.",
      "transient",
      "venue_unavailable",
    ],
    ["ExchangeError", -1007, "Timeout waiting for response from backend server.", "transient", "timeout"],
    [
      "InvalidNonce",
      -1021,
      "Timestamp for this request is outside of the recvWindow.",
      "transient",
      "network",
    ],
    ["DDoSProtection", -1003, "Too many requests; current limit is 6000.", "transient", "rate_limited"],
    // USDⓈ-M (fapi), ccxt's class with its linear table as the emulator's tests show (or a plain one without it).
    ["InsufficientFunds", -2019, "Margin is insufficient.", "rejected", "insufficient_balance"],
    ["ExchangeError", -2019, "Margin is insufficient.", "rejected", "insufficient_balance"],
    ["InvalidOrder", -4116, "ClientOrderId is duplicated.", "rejected", "duplicate_order"],
    [
      "InvalidOrder",
      -4164,
      "Order's notional must be no smaller than 100 (unless you choose reduce only).",
      "rejected",
      "min_notional",
    ],
    ["InvalidOrder", -2022, "ReduceOnly Order is rejected.", "rejected", "other"],
    ["OrderImmediatelyFillable", -2021, "Order would immediately trigger.", "rejected", "invalid_price"],
    [
      "BadRequest",
      -1111,
      "Precision is over the maximum defined for this asset.",
      "rejected",
      "invalid_quantity",
    ],
    ["BadRequest", -4014, "Price not increased by tick size.", "rejected", "invalid_price"],
    ["BadRequest", -4016, "Limit price can't be higher than 100277.8.", "rejected", "invalid_price"],
    // Spot's -2021 is a partly failed cancel-replace: not fapi's "would immediately trigger".
    ["ExchangeError", -2021, "Order cancel-replace partially failed.", "rejected", "other"],
    // ccxt turns -2015 after a successful login into DDoSProtection (a temporary ban): transient.
    ["DDoSProtection", -2015, "Invalid API-key, IP, or permissions for action.", "transient", "rate_limited"],
  ] as const)("%s %s %s → %s %s", (name, code, msg, kind, reason) => {
    expect(classifyCcxtError(ccxtError(name, binance(code, msg)))).toEqual({ kind, reason });
  });

  it("reads a 429 whose message starts with the HTTP status, as ccxt.binance writes it", () => {
    const error = ccxtError(
      "DDoSProtection",
      `binance 429 Too Many Requests ${JSON.stringify({ code: -1003, msg: "Too many requests" })}`,
    );
    expect(classifyCcxtError(error)).toEqual({ kind: "transient", reason: "rate_limited" });
  });
});

describe("mapBrokerError", () => {
  const context = {
    brokerName: "binance",
    operation: "createOrder BTCUSDT cw1-e",
    symbol: "BTCUSDT",
    clientOrderId: "cw1-e",
    credentials: new Set(["theApiKey123456", "theSecret654321"]),
    retryAfterMs: 7000,
  };

  it("builds a BrokerError with ccxt's class and the venue's words, credentials masked", () => {
    const mapped = mapBrokerError(
      ccxtError(
        "InsufficientFunds",
        `binance key theApiKey123456 ${binance(-2010, "Account has insufficient balance for requested action.")}`,
      ),
      context,
    ) as BrokerError;
    expect(mapped).toBeInstanceOf(BrokerError);
    expect(mapped).toMatchObject({
      kind: "rejected",
      reason: "insufficient_balance",
      retryAfterMs: undefined,
    });
    expect(mapped.message).toContain(
      "[binance] createOrder BTCUSDT cw1-e failed (rejected, insufficient_balance)",
    );
    expect(mapped.message).toContain("insufficient balance");
    expect(mapped.message).not.toContain("theApiKey123456");
    expect(String((mapped.cause as Error).message)).not.toContain("theApiKey123456");
    expect(mapped.details).toMatchObject({
      ccxtError: "InsufficientFunds",
      symbol: "BTCUSDT",
      clientOrderId: "cw1-e",
    });
  });

  it("carries Retry-After on a rate limit only", () => {
    const limited = mapBrokerError(ccxtError("DDoSProtection", "binance 429"), context) as BrokerError;
    expect(limited.retryAfterMs).toBe(7000);
    const timeout = mapBrokerError(ccxtError("RequestTimeout", "binance timed out"), context) as BrokerError;
    expect(timeout.retryAfterMs).toBeUndefined();
  });

  it("passes broker errors and non-ccxt errors through unchanged", () => {
    const own = new BrokerError("binance", "rejected", "min_notional", "too small");
    expect(mapBrokerError(own, context)).toBe(own);
    const bug = new TypeError("undefined is not a function");
    expect(mapBrokerError(bug, context)).toBe(bug);
    const bad = new InvalidArgumentError("x", "quantity", -1, "a positive number");
    expect(mapBrokerError(bad, context)).toBe(bad);
  });
});

describe("retryAfterMsOf", () => {
  it("reads seconds and HTTP dates", () => {
    expect(retryAfterMsOf("7", 0)).toBe(7000);
    expect(retryAfterMsOf("Wed, 21 Oct 2015 07:28:00 GMT", Date.UTC(2015, 9, 21, 7, 27, 30))).toBe(30_000);
    expect(retryAfterMsOf(undefined, 0)).toBeUndefined();
    expect(retryAfterMsOf("soon", 0)).toBeUndefined();
  });
});
