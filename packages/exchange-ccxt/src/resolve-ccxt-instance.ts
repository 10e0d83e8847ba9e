import { InvalidArgumentError, REDACTED } from "@candlewick/core";
import ccxt, { type Exchange } from "ccxt";
import { closeMatches } from "./close-matches.js";
import { COMPONENT } from "./component.js";

/**
 * Every ccxt id is a lower-case word of at most 21 characters (`binance`, `binanceusdm`); API keys are
 * mixed-case or longer. Only what could be a misspelt id (`Binanse`) is echoed in the error.
 */
const LOOKS_LIKE_AN_ID = /^[A-Za-z][a-z0-9]{0,23}$/;

type ExchangeConstructor = new (config?: Record<string, unknown>) => Exchange;

/**
 * The ccxt instance behind an adapter. An injected instance is used as it is (keys, sandbox, proxies and
 * options stay the user's) except that ccxt's rate limiter is switched on: the adapter pages through long
 * ranges and would otherwise burst past the exchange's limits. A string is a ccxt exchange id.
 */
export function resolveCcxtInstance(exchange: string | Exchange): Exchange {
  if (typeof exchange !== "string") {
    exchange.enableRateLimit = true;
    return exchange;
  }
  const ExchangeClass = (ccxt as unknown as Record<string, ExchangeConstructor | undefined>)[exchange];
  if (!ccxt.exchanges.includes(exchange) || typeof ExchangeClass !== "function") {
    const matches = closeMatches(
      exchange,
      ccxt.exchanges.map((id) => ({ label: id, keys: [id] })),
    );
    const hint = matches.length > 0 ? `; did you mean ${matches.map((id) => `"${id}"`).join(", ")}?` : "";
    // A string nothing like an id may be a credential put in the wrong place: it is not echoed.
    const shown = LOOKS_LIKE_AN_ID.test(exchange) ? exchange : REDACTED;
    const note = shown === REDACTED ? " (the value is not shown: it does not look like an exchange id)" : "";
    throw new InvalidArgumentError(COMPONENT, "exchange", shown, `a ccxt exchange id${hint}${note}`);
  }
  return new ExchangeClass({ enableRateLimit: true });
}

/** Duck-typed check for a ccxt `Exchange`, so an instance from another copy of ccxt is accepted too. */
export function isCcxtExchange(value: unknown): value is Exchange {
  if (typeof value !== "object" || value === null) return false;
  const candidate = value as Record<string, unknown>;
  return (
    typeof candidate.id === "string" &&
    typeof candidate.fetchOHLCV === "function" &&
    typeof candidate.loadMarkets === "function"
  );
}
