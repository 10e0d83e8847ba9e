import { BrokerError } from "../errors/broker-error.js";
import type { Broker } from "../spec/broker.js";

/** Faults a test arms on a {@link FaultyBroker}; each counts down as it fires. */
export interface Faults {
  /** The venue takes the order, then the answer is lost (a transient failure after the fact). */
  loseAnswers: number;
  /** The request never reaches the venue (a transient failure before the fact). */
  dropRequests: number;
  /** Every call fails as rate limited (429), lookups included. */
  rateLimited: number;
}

/** A broker in front of another that fails the way networks and venues do, and counts what reached the venue. */
export interface FaultyBroker extends Broker {
  readonly faults: Faults;
  /** createOrder calls that reached the venue behind. */
  readonly placed: string[];
}

export function faultyBroker(inner: Broker): FaultyBroker {
  const faults: Faults = { loseAnswers: 0, dropRequests: 0, rateLimited: 0 };
  const placed: string[] = [];
  const transient = (reason: BrokerError["reason"], what: string) =>
    new BrokerError("faulty", "transient", reason, what);
  const gate = () => {
    if (faults.rateLimited > 0) {
      faults.rateLimited--;
      throw transient("rate_limited", "429 Too Many Requests");
    }
  };
  return {
    ...inner,
    faults,
    placed,
    async createOrder(request) {
      gate();
      if (faults.dropRequests > 0) {
        faults.dropRequests--;
        throw transient("network", "connection reset before the request was sent");
      }
      placed.push(request.clientOrderId);
      const order = await inner.createOrder(request);
      if (faults.loseAnswers > 0) {
        faults.loseAnswers--;
        throw transient("timeout", "request timed out");
      }
      return order;
    },
    async fetchOrder(symbol, id) {
      gate();
      return inner.fetchOrder(symbol, id);
    },
    async fetchFills(symbol, since) {
      gate();
      return inner.fetchFills(symbol, since);
    },
  };
}
