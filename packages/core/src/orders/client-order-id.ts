import { createHash } from "node:crypto";
import { InvalidArgumentError } from "../errors/invalid-argument-error.js";

/**
 * Which order of a signal a client order id names. Each kind is numbered where a signal can have several:
 * the n-th DCA add, the n-th partial exit, the n-th placement of the protective stop or target (a move replaces
 * the resting order with the next number).
 */
export type OrderLeg =
  | { readonly kind: "entry" }
  | { readonly kind: "add"; readonly n: number }
  | { readonly kind: "partial_exit"; readonly n: number }
  | { readonly kind: "stop"; readonly n: number }
  | { readonly kind: "take_profit"; readonly n: number }
  | { readonly kind: "close" };

const LEG_CODE = {
  entry: "e",
  add: "a",
  partial_exit: "x",
  stop: "s",
  take_profit: "t",
  close: "c",
} as const;

/** The default prefix: every order Candlewick sends starts with it, so reconciliation knows its own. */
export const DEFAULT_ORDER_PREFIX = "cw";

const PREFIX = /^[A-Za-z0-9]{1,8}$/;

/**
 * The client order id of one leg of one signal: `<prefix><20 hex of sha256(signalId)>-<leg>`, e.g.
 * `cw3f9a1b2c4d5e6f708192-s2`. The same signal and leg give the same id in every process and after every restart,
 * so a retry of an order whose answer was lost is recognised by the venue (a duplicate) and can be looked up.
 * At most 8 + 20 + 1 + 1 + 10 characters of `[A-Za-z0-9-]`, within every major venue's limit (Binance: 36).
 */
export function clientOrderIdOf(signalId: string, leg: OrderLeg, prefix = DEFAULT_ORDER_PREFIX): string {
  if (!PREFIX.test(prefix)) {
    throw new InvalidArgumentError("clientOrderIdOf", "prefix", prefix, "1 to 8 letters or digits");
  }
  if (typeof signalId !== "string" || signalId.length === 0) {
    throw new InvalidArgumentError("clientOrderIdOf", "signalId", signalId, "a non-empty signal id");
  }
  const digest = createHash("sha256").update(signalId).digest("hex").slice(0, 20);
  const numbered = "n" in leg;
  if (numbered && (!Number.isInteger(leg.n) || leg.n < 1 || leg.n > 9_999_999_999)) {
    throw new InvalidArgumentError("clientOrderIdOf", "leg.n", leg.n, "a whole number from 1");
  }
  return `${prefix}${digest}-${LEG_CODE[leg.kind]}${numbered ? leg.n : ""}`;
}

/** True when `clientOrderId` was made by `clientOrderIdOf` with `prefix`: an order of ours. */
export function isOwnClientOrderId(clientOrderId: string, prefix = DEFAULT_ORDER_PREFIX): boolean {
  return (
    clientOrderId.startsWith(prefix) &&
    /^[0-9a-f]{20}-[eaxstc][0-9]*$/.test(clientOrderId.slice(prefix.length))
  );
}
