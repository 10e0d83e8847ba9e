import { ExchangeError, InvalidArgumentError } from "@candlewick/core";
import { describe, expect, it } from "vitest";
import { backoffDelay, withCcxtRetry } from "./with-ccxt-retry.js";

const policy = { maxRetries: 3, baseDelayMs: 100, maxDelayMs: 350 };
const noSleep = async () => undefined;

describe("backoffDelay", () => {
  it("doubles a ceiling capped at maxDelayMs, and keeps half of it fixed", () => {
    expect([0, 1, 2, 3].map((attempt) => backoffDelay(attempt, policy, () => 0))).toEqual([
      50, 100, 175, 175,
    ]);
    expect([0, 1, 2, 3].map((attempt) => backoffDelay(attempt, policy, () => 1))).toEqual([
      100, 200, 350, 350,
    ]);
  });
});

describe("withCcxtRetry", () => {
  const retryable = new ExchangeError("x", "busy", { isRetryable: true });
  const fatal = new ExchangeError("x", "bad symbol", { isRetryable: false });

  it("retries retryable failures with growing pauses, then returns the result", async () => {
    let calls = 0;
    const pauses: number[] = [];
    const result = await withCcxtRetry(
      async () => {
        calls += 1;
        if (calls < 3) throw retryable;
        return "ok";
      },
      policy,
      (error) => error as ExchangeError,
      { sleep: noSleep, onRetry: (_error, attempt, delay) => pauses.push(attempt, delay) },
    );
    expect(result).toBe("ok");
    expect(calls).toBe(3);
    expect(pauses[0]).toBe(1);
    expect(pauses[1]).toBeGreaterThanOrEqual(50);
    expect(pauses[1]).toBeLessThanOrEqual(100);
    expect(pauses[2]).toBe(2);
    expect(pauses[3]).toBeGreaterThanOrEqual(100);
  });

  it("stops after maxRetries and throws the last error", async () => {
    let calls = 0;
    const attempt = withCcxtRetry(
      async () => {
        calls += 1;
        throw retryable;
      },
      policy,
      (error) => error as ExchangeError,
      { sleep: noSleep },
    );
    await expect(attempt).rejects.toBe(retryable);
    expect(calls).toBe(4);
  });

  it("never retries a non-retryable error or a bad argument", async () => {
    for (const error of [fatal, new InvalidArgumentError("x", "limit", 0, "a positive integer")]) {
      let calls = 0;
      const attempt = withCcxtRetry(
        async () => {
          calls += 1;
          throw error;
        },
        policy,
        (caught) => caught as ExchangeError,
        { sleep: noSleep },
      );
      await expect(attempt).rejects.toBe(error);
      expect(calls).toBe(1);
    }
  });
});
