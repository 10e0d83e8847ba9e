import {
  BrokerError,
  type BrokerErrorKind,
  type BrokerErrorReason,
  redactSecrets,
  redactSecretsInText,
} from "@candlewick/core";

/** How a venue failure is classified. */
export interface BrokerErrorClass {
  readonly kind: BrokerErrorKind;
  readonly reason: BrokerErrorReason;
}

const transient = (reason: BrokerErrorReason): BrokerErrorClass => ({ kind: "transient", reason });
const rejected = (reason: BrokerErrorReason): BrokerErrorClass => ({ kind: "rejected", reason });
const NOT_FOUND: BrokerErrorClass = { kind: "not_found", reason: "order_not_found" };

/**
 * ccxt's classes, most specific first. Checked by class name along the prototype chain, so an error from another
 * copy of ccxt is classified too (every ccxt error class sets its own name).
 */
const BY_CLASS: readonly (readonly [string, BrokerErrorClass])[] = [
  ["RequestTimeout", transient("timeout")],
  ["DDoSProtection", transient("rate_limited")],
  ["RateLimitExceeded", transient("rate_limited")],
  ["OnMaintenance", transient("venue_unavailable")],
  ["ExchangeNotAvailable", transient("venue_unavailable")],
  ["InvalidNonce", transient("network")],
  ["NetworkError", transient("network")],
  // BadResponse, NullResponse, and Binance's -1001 "Internal error": the venue may have acted.
  ["OperationFailed", transient("venue_unavailable")],
  ["DuplicateOrderId", rejected("duplicate_order")],
  ["OrderNotFound", NOT_FOUND],
  ["InsufficientFunds", rejected("insufficient_balance")],
  ["AuthenticationError", rejected("authentication")],
  ["OrderImmediatelyFillable", rejected("invalid_price")],
];

/** Binance's `Filter failure: <FILTER>` (-1013), by filter. */
const BY_FILTER: Readonly<Record<string, BrokerErrorReason>> = {
  LOT_SIZE: "invalid_quantity",
  MARKET_LOT_SIZE: "invalid_quantity",
  PRICE_FILTER: "invalid_price",
  PERCENT_PRICE: "invalid_price",
  PERCENT_PRICE_BY_SIDE: "invalid_price",
  NOTIONAL: "min_notional",
  MIN_NOTIONAL: "min_notional",
};

/** Binance's codes whose meaning does not depend on the message. */
const BY_BINANCE_CODE: Readonly<Record<string, BrokerErrorClass>> = {
  "-1001": transient("venue_unavailable"), // internal error; execution status unknown
  "-1003": transient("rate_limited"),
  "-1006": transient("venue_unavailable"), // unexpected response from the message bus; status unknown
  "-1007": transient("timeout"), // timeout waiting for the backend; status unknown
  "-1008": transient("venue_unavailable"), // server busy
  "-1015": transient("rate_limited"), // too many new orders
  "-1021": transient("network"), // timestamp outside recvWindow: the clock, not the order
  "-1022": rejected("authentication"),
  "-2014": rejected("authentication"),
  "-2015": rejected("authentication"),
  "-2011": NOT_FOUND,
  "-2013": NOT_FOUND,
  // USDⓈ-M (fapi) codes; none of them is used by spot.
  "-2018": rejected("insufficient_balance"), // balance is insufficient
  "-2019": rejected("insufficient_balance"), // margin is insufficient
  "-2024": rejected("insufficient_balance"), // position is not sufficient
  "-4116": rejected("duplicate_order"), // ClientOrderId is duplicated (among open orders)
  "-4164": rejected("min_notional"), // order's notional below the minimum (unless reduce only)
  "-1111": rejected("invalid_quantity"), // precision over the maximum: prices go through the tick first
  "-4003": rejected("invalid_quantity"), // quantity <= 0
  "-4004": rejected("invalid_quantity"), // quantity below the minimum
  "-4005": rejected("invalid_quantity"), // quantity above the maximum
  "-4023": rejected("invalid_quantity"), // quantity not on the step
  "-4001": rejected("invalid_price"), // price <= 0
  "-4002": rejected("invalid_price"), // price above the maximum
  "-4013": rejected("invalid_price"), // price below the minimum
  "-4014": rejected("invalid_price"), // price not on the tick
  "-4016": rejected("invalid_price"), // limit price above PERCENT_PRICE's cap
  "-4024": rejected("invalid_price"), // limit price below PERCENT_PRICE's floor
  "-4131": rejected("invalid_price"), // the best price does not meet PERCENT_PRICE
  "-5022": rejected("invalid_price"), // post-only (GTX) would have taken
};

/**
 * Codes that mean different things on spot and USDⓈ-M, told apart by fapi's message: spot's -2021/-2022 are
 * cancel-replace failures.
 */
const BY_FUTURES_MESSAGE: readonly (readonly [string, RegExp, BrokerErrorClass])[] = [
  ["-2021", /^Order would immediately trigger/i, rejected("invalid_price")],
  // Reduce-only with no position, on the position's side, or larger than it (it would flip).
  ["-2022", /^ReduceOnly Order is rejected/i, rejected("other")],
];

/** Binance's -2010 "NEW_ORDER_REJECTED" messages. */
const BY_REJECTION_MESSAGE: readonly (readonly [RegExp, BrokerErrorClass])[] = [
  [/^Duplicate order sent\.?$/i, rejected("duplicate_order")],
  [/insufficient balance/i, rejected("insufficient_balance")],
  [/would trigger immediately|would immediately match/i, rejected("invalid_price")],
];

/** `{"code":-2010,"msg":"..."}` inside a ccxt message (ccxt puts the response body there). */
const BINANCE_BODY = /\{\s*"code"\s*:\s*(-?\d+)\s*,\s*"msg"\s*:\s*"((?:[^"\\]|\\.)*)"/;
const FILTER_FAILURE = /Filter failure: ([A-Z_]+)/;

/** The class names of `error` and its ancestors, nearest first. */
function classNames(error: unknown): string[] {
  const names: string[] = [];
  if (!(error instanceof Error)) return names;
  names.push(error.name);
  for (let proto = Object.getPrototypeOf(error); proto !== null; proto = Object.getPrototypeOf(proto)) {
    const name = (proto.constructor as { name?: string } | undefined)?.name;
    if (typeof name === "string" && names.at(-1) !== name) names.push(name);
  }
  return names;
}

/** True for an error ccxt threw (its `BaseError` family), from any copy of ccxt. */
export function isCcxtError(error: unknown): boolean {
  return classNames(error).includes("BaseError");
}

/**
 * The kind and reason of a ccxt failure, or undefined when `error` is not one (a bug, to be rethrown as it is).
 *
 * Order: a transient ccxt class wins (a 429 is a 429 whatever the body says, and ccxt turns a -2015 after a
 * successful login into DDoSProtection: a temporary ban); then Binance's code and message, which are more precise
 * than ccxt's classes (ccxt maps -1013 NOTIONAL to BadRequest, -2010 duplicates to InvalidOrder); then the class;
 * then a "Filter failure" in any message; anything else the venue said is a rejection (`other`).
 */
export function classifyCcxtError(error: unknown): BrokerErrorClass | undefined {
  const names = classNames(error);
  if (!names.includes("BaseError")) return undefined;
  const byClass = BY_CLASS.find(([name]) => names.includes(name))?.[1];
  if (byClass?.kind === "transient") return byClass;
  const message = (error as Error).message;
  const body = BINANCE_BODY.exec(message);
  if (body !== null) {
    const [, code, text] = body as unknown as [string, string, string];
    const byCode = BY_BINANCE_CODE[code];
    if (byCode !== undefined) return byCode;
    const byFutures = BY_FUTURES_MESSAGE.find(([c, pattern]) => c === code && pattern.test(text))?.[2];
    if (byFutures !== undefined) return byFutures;
    if (code === "-2010") {
      const byText = BY_REJECTION_MESSAGE.find(([pattern]) => pattern.test(text))?.[1];
      if (byText !== undefined) return byText;
    }
    // Binance's halts and the end of a replay: the order was not placed; a later send may be taken.
    if (code === "-1013" && /^Market is closed/i.test(text)) return transient("venue_unavailable");
  }
  const filter = FILTER_FAILURE.exec(message)?.[1];
  if (filter !== undefined && BY_FILTER[filter] !== undefined) return rejected(BY_FILTER[filter]!);
  return byClass ?? rejected("other");
}

/** Where a failure happened, for the message and `details`. */
export interface BrokerErrorContext {
  readonly brokerName: string;
  /** What the broker was doing, e.g. `"createOrder BTCUSDT cw…-e"`. */
  readonly operation: string;
  readonly symbol?: string;
  readonly clientOrderId?: string;
  /** The instance's credential values, masked wherever ccxt put them. */
  readonly credentials?: ReadonlySet<string>;
  /** The venue's `Retry-After` (ms), when the failure is a rate limit and it said. */
  readonly retryAfterMs?: number;
}

/**
 * A ccxt failure as a `BrokerError`, with ccxt's class and the venue's words in the message (credentials and
 * signatures masked). A `BrokerError` passes through; any other error (not ccxt's: a bug) is returned unchanged,
 * for the caller to rethrow.
 */
export function mapBrokerError(error: unknown, context: BrokerErrorContext): unknown {
  if (BrokerError.isInstance(error)) return error;
  const found = classifyCcxtError(error);
  if (found === undefined) return error;
  const credentials = context.credentials ?? new Set<string>();
  const ccxtError = (error as Error).name;
  const text = redactSecretsInText((error as Error).message, credentials);
  return new BrokerError(
    context.brokerName,
    found.kind,
    found.reason,
    `${context.operation} failed (${found.kind}, ${found.reason}) with ${ccxtError}: ${text}`,
    {
      cause: redactSecrets(error, credentials),
      retryAfterMs: found.reason === "rate_limited" ? context.retryAfterMs : undefined,
      details: {
        ccxtError,
        operation: context.operation,
        ...(context.symbol === undefined ? {} : { symbol: context.symbol }),
        ...(context.clientOrderId === undefined ? {} : { clientOrderId: context.clientOrderId }),
      },
    },
  );
}

/** A `Retry-After` header value (seconds, or an HTTP date) in ms from `now`; undefined when absent or unreadable. */
export function retryAfterMsOf(value: unknown, now: number): number | undefined {
  if (typeof value !== "string" || value.trim() === "") return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
