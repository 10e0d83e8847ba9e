import { describe, expect, it } from "vitest";
import { isAuthFailure, isRetryableRedisError } from "./retryable-redis-error.js";

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

describe("isRetryableRedisError", () => {
  it("retries what a reconnection or a restarted Redis can fix", () => {
    for (const error of [
      withCode("read ECONNRESET", "ECONNRESET"),
      withCode("connect ECONNREFUSED 127.0.0.1:6379", "ECONNREFUSED"),
      withCode("connect ETIMEDOUT", "ETIMEDOUT"),
      withCode("write EPIPE", "EPIPE"),
      new Error("Connection is closed."),
      new Error("Stream isn't writeable and enableOfflineQueue options is false"),
      new Error('Reached the max retries per request limit (which is 0). Refer to "maxRetriesPerRequest"'),
      new Error("Command timed out"),
      new Error("LOADING Redis is loading the dataset in memory"),
      new Error("MASTERDOWN Link with MASTER is down and replica-serve-stale-data is set to 'no'."),
      withCode("no Redis connection within 300 ms (status: reconnecting)", "ERR_REDIS_NOT_READY"),
      // A MULTI Redis refused to queue while loading reports EXECABORT, with the per-command causes.
      Object.assign(new Error("EXECABORT Transaction discarded because of previous errors."), {
        previousErrors: [new Error("LOADING Redis is loading"), new Error("LOADING Redis is loading")],
      }),
    ]) {
      expect(isRetryableRedisError(error), error.message).toBe(true);
    }
  });

  it("does not retry what fails the same way every time", () => {
    for (const error of [
      new Error("WRONGTYPE Operation against a key holding the wrong kind of value"),
      new Error("WRONGPASS invalid username-password pair or user is disabled."),
      new Error("NOAUTH Authentication required."),
      new Error("OOM command not allowed when used memory > 'maxmemory'."),
      new Error("ERR unknown command 'FOO'"),
      withCode("the Redis connection was closed", "ERR_REDIS_CONNECTION_ENDED"),
      Object.assign(new Error("EXECABORT Transaction discarded because of previous errors."), {
        previousErrors: [new Error("LOADING Redis is loading"), new Error("OOM command not allowed")],
      }),
      "Connection is closed.", // not an Error at all
    ]) {
      expect(isRetryableRedisError(error), String(error)).toBe(false);
    }
  });

  it("tells a refused login from other errors", () => {
    expect(isAuthFailure(new Error("WRONGPASS invalid username-password pair"))).toBe(true);
    expect(
      isAuthFailure(new Error("NOAUTH HELLO must be called with the client already authenticated")),
    ).toBe(true);
    expect(isAuthFailure(new Error("ERR invalid password"))).toBe(true);
    expect(isAuthFailure(new Error("WRONGTYPE Operation against a key"))).toBe(false);
    expect(isAuthFailure(new Error("Connection is closed."))).toBe(false);
  });
});
