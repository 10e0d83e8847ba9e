import { ExchangeError, InvalidArgumentError } from "@candlewick/core";
import ccxt from "ccxt";
import { describe, expect, it } from "vitest";
import { isRetryableCcxtError, mapCcxtError } from "./map-ccxt-error.js";

const context = { exchangeName: "binance", operation: "fetchOHLCV BTC/USDT 1m", symbol: "BTC/USDT" };

describe("mapCcxtError", () => {
  it.each([
    ["NetworkError", true],
    ["RequestTimeout", true],
    ["RateLimitExceeded", true],
    ["DDoSProtection", true],
    ["ExchangeNotAvailable", true],
    ["OnMaintenance", true],
    ["BadSymbol", false],
    ["BadRequest", false],
    ["AuthenticationError", false],
    ["PermissionDenied", false],
    ["NotSupported", false],
    ["InsufficientFunds", false],
    ["ExchangeError", false],
  ] as const)("ccxt %s → isRetryable %s", (name, retryable) => {
    const ErrorClass = (ccxt as unknown as Record<string, new (message: string) => Error>)[name]!;
    const mapped = mapCcxtError(new ErrorClass("binance something happened"), context);
    expect(mapped).toBeInstanceOf(ExchangeError);
    expect((mapped as ExchangeError).isRetryable).toBe(retryable);
    expect(mapped.message).toBe(
      `[binance] fetchOHLCV BTC/USDT 1m failed with ${name}: binance something happened`,
    );
    expect(mapped.details).toMatchObject({ ccxtError: name, symbol: "BTC/USDT" });
  });

  it("recognises ccxt errors from another copy of ccxt by name", () => {
    const foreign = Object.assign(new Error("slow down"), { name: "RateLimitExceeded" });
    expect(isRetryableCcxtError(foreign)).toBe(true);
  });

  it("passes Candlewick errors through and treats unknown failures as not retryable", () => {
    const own = new InvalidArgumentError("x", "limit", 0, "a positive integer");
    expect(mapCcxtError(own, context)).toBe(own);
    const unknown = mapCcxtError(new TypeError("undefined is not a function"), context) as ExchangeError;
    expect(unknown.isRetryable).toBe(false);
    expect(unknown.cause).toBeInstanceOf(TypeError);
  });
});
