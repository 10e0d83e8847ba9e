import { BrokerError } from "@candlewick/core";

/**
 * Holds a broker's requests while the venue's `Retry-After` runs. Binance answers a request sent during a 429's
 * wait with another 429 and escalates repeated offenders to a 418 IP ban (minutes to days), so after a rate limit
 * nothing is sent until the venue's time has passed: a call before then fails at once, without a request, as a
 * `transient` `rate_limited` `BrokerError` carrying the time still to wait. Time is the exchange instance's clock
 * (`exchange.milliseconds()`: the replay's on a replay), so a wait of minutes passes in virtual time too.
 */
export interface RateLimitGate {
  /** Throws the held error while a wait runs; otherwise returns. */
  check(operation: string): void;
  /** A rate limit the venue answered: no request until `retryAfterMs` from now (none when the venue did not say). */
  hold(retryAfterMs: number | undefined): void;
  /** Epoch ms before which nothing is sent (0 when free). */
  readonly until: number;
}

export function createRateLimitGate(brokerName: string, now: () => number): RateLimitGate {
  let until = 0;
  return {
    check(operation) {
      const at = now();
      if (at >= until) return;
      throw new BrokerError(
        brokerName,
        "transient",
        "rate_limited",
        `${operation} not sent: the venue asked to wait (Retry-After) until ${new Date(until).toISOString()}, ${until - at} ms from now`,
        { retryAfterMs: until - at, details: { operation, sent: false, until } },
      );
    },
    hold(retryAfterMs) {
      if (retryAfterMs === undefined || !(retryAfterMs > 0)) return;
      until = Math.max(until, now() + retryAfterMs);
    },
    get until() {
      return until;
    },
  };
}
