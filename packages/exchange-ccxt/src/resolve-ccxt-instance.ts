import { InvalidArgumentError } from "@candlewick/core";
import ccxt, { type Exchange } from "ccxt";
import { closeMatches } from "./close-matches.js";
import { COMPONENT } from "./component.js";

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
    throw new InvalidArgumentError(COMPONENT, "exchange", exchange, `a ccxt exchange id${hint}`);
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
