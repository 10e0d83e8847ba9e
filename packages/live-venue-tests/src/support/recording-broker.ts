import { type Broker, BrokerError } from "@candlewick/core";

/** One broker call as the run made it: when (replay time), which, about which order, and how it ended. */
export interface BrokerCall {
  readonly at: number;
  readonly method: string;
  readonly clientOrderId: string | undefined;
  /** `ok`, or the failure as `<kind>:<reason>` (`transient:network`). */
  readonly outcome: string;
}

const CALLS = ["createOrder", "cancelOrder", "fetchOrder", "fetchOpenOrders", "fetchFills", "fetchBalance"];

/**
 * The broker the run is given, with every call it makes recorded (the venue's log cannot show requests refused
 * before they were read, as during a network drop). Behaviour is unchanged: results and errors pass through.
 */
export function recordingBroker(inner: Broker, now: () => number): { broker: Broker; calls: BrokerCall[] } {
  const calls: BrokerCall[] = [];
  const broker = new Proxy(inner, {
    get(target, name, receiver) {
      const value = Reflect.get(target, name, receiver);
      if (typeof name !== "string" || !CALLS.includes(name) || typeof value !== "function") return value;
      return async (...args: unknown[]) => {
        const at = now();
        const first = args[0];
        const clientOrderId =
          name === "createOrder"
            ? (first as { clientOrderId: string }).clientOrderId
            : name === "fetchOrder" || name === "cancelOrder"
              ? (args[1] as string)
              : undefined;
        try {
          const result = await value.apply(target, args);
          calls.push({ at, method: name, clientOrderId, outcome: result === null ? "null" : "ok" });
          return result;
        } catch (error) {
          const outcome = BrokerError.isInstance(error)
            ? `${(error as BrokerError).kind}:${(error as BrokerError).reason}`
            : "thrown";
          calls.push({ at, method: name, clientOrderId, outcome });
          throw error;
        }
      };
    },
  });
  return { broker, calls };
}
