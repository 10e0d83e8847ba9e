import { BrokerError } from "@candlewick/core";
import type { Exchange, MarketInterface as Market } from "ccxt";
import { mapBrokerError, retryAfterMsOf } from "./map-broker-error.js";
import { createRateLimitGate } from "./rate-limit-gate.js";
import type { VenueProfile } from "./venue-profile.js";

/** ccxt's credential fields on an instance (its `requiredCredentials`, less the public `walletAddress`). */
const CREDENTIAL_FIELDS = ["apiKey", "secret", "uid", "login", "password", "privateKey", "token", "twofa"];
/** Shorter values would mask ordinary characters of a message. */
const MIN_CREDENTIAL_LENGTH = 4;

/** Which order or market a call is about, for its error. */
export interface CallIds {
  readonly symbol?: string;
  readonly clientOrderId?: string;
}

/** Every ccxt call of one broker goes through here: markets loaded, failures mapped to `BrokerError`. */
export interface VenueSession {
  /** Runs `call` once the markets are loaded; any ccxt failure becomes a `BrokerError`. */
  call<T>(operation: string, call: () => Promise<T>, ids?: CallIds): Promise<T>;
  /** The market of `symbol` (`BTCUSDT` or `BTC/USDT`) of the profile's kind; else `rejected` `other`. */
  marketOf(symbol: string): Promise<Market>;
  /** The venue's id of a unified symbol (`BTC/USDT` → `BTCUSDT`). */
  idOf(unified: string | undefined): string;
}

export function createVenueSession(
  exchange: Exchange,
  profile: VenueProfile,
  brokerName: string,
): VenueSession {
  // Read once: masked wherever ccxt repeats them in a message. Never stored anywhere else.
  const credentials = new Set(
    CREDENTIAL_FIELDS.map((field) => (exchange as unknown as Record<string, unknown>)[field]).filter(
      (value): value is string => typeof value === "string" && value.length >= MIN_CREDENTIAL_LENGTH,
    ),
  );
  let marketsFailed = false;
  // After a 429/418, nothing goes out until the venue's Retry-After has passed (see createRateLimitGate).
  const gate = createRateLimitGate(brokerName, () => exchange.milliseconds());

  /**
   * ccxt keeps the promise of an instance's first `loadMarkets` and hands it to every later call, even when it
   * failed: one network error before the markets arrived would fail every call for good. A failed load is redone.
   */
  async function loadMarkets() {
    try {
      const markets = await exchange.loadMarkets(marketsFailed);
      marketsFailed = false;
      return markets;
    } catch (error) {
      marketsFailed = true;
      throw error;
    }
  }

  async function call<T>(operation: string, run: () => Promise<T>, ids: CallIds = {}): Promise<T> {
    // Markets already loaded cost no request: only calls that reach the venue wait.
    const loaded =
      !marketsFailed && exchange.markets !== undefined && Object.keys(exchange.markets).length > 0;
    if (!(operation === "loadMarkets" && loaded)) {
      gate.check([operation, ids.symbol, ids.clientOrderId].filter(Boolean).join(" "));
    }
    try {
      await loadMarkets();
      return await run();
    } catch (error) {
      // Read at once: the next response replaces them (concurrent calls on one instance may mix them up).
      const headers = (exchange as unknown as { last_response_headers?: Record<string, unknown> })
        .last_response_headers;
      const failure = mapBrokerError(error, {
        brokerName,
        operation: [operation, ids.symbol, ids.clientOrderId].filter(Boolean).join(" "),
        symbol: ids.symbol,
        clientOrderId: ids.clientOrderId,
        credentials,
        retryAfterMs: retryAfterMsOf(headers?.["Retry-After"], exchange.milliseconds()),
      });
      if (BrokerError.isInstance(failure) && (failure as BrokerError).reason === "rate_limited") {
        gate.hold((failure as BrokerError).retryAfterMs);
      }
      throw failure;
    }
  }

  return {
    call,
    async marketOf(symbol) {
      const markets = await call("loadMarkets", loadMarkets);
      const direct = markets[symbol];
      if (direct !== undefined && direct.type === profile.marketType) return direct;
      const byId = Object.values(markets).find(
        (market) => market?.id === symbol && market?.type === profile.marketType,
      );
      if (byId !== undefined) return byId;
      throw new BrokerError(
        brokerName,
        "rejected",
        "other",
        `unknown ${profile.marketType} symbol ${JSON.stringify(symbol)} on ${profile.venueId}`,
        { details: { symbol } },
      );
    },
    idOf: (unified) => (unified === undefined ? undefined : exchange.markets?.[unified]?.id) ?? unified ?? "",
  };
}

/** True for a `BrokerError` of kind `not_found` (also from another copy of core). */
export function isNotFound(error: unknown): boolean {
  return BrokerError.isInstance(error) && (error as BrokerError).kind === "not_found";
}
