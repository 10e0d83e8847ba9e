import { InvalidArgumentError, isSecretName, REDACTED } from "@candlewick/core";
import ccxt, { type Exchange } from "ccxt";
import type { z } from "zod";
import type { ccxtBrokerOptionsSchema } from "./ccxt-broker-options.js";
import { COMPONENT } from "./component.js";
import { VENUE_IDS, VENUE_PROFILES, type VenueProfile } from "./venue-profile.js";

type ParsedOptions = z.output<typeof ccxtBrokerOptionsSchema>;
type ExchangeConstructor = new (config?: Record<string, unknown>) => Exchange;

/**
 * The ccxt instance behind the broker and its venue profile. An injected instance keeps its keys, URLs and
 * options; only `warnOnFetchOpenOrdersWithoutSymbol: false` is set on it when it has no value of its own. An id
 * builds a new instance, rate-limited, with the profile's ccxt options and the keys from the options or the
 * environment.
 */
export function resolveExchange(parsed: ParsedOptions): { exchange: Exchange; profile: VenueProfile } {
  if (parsed.exchange !== undefined) {
    for (const field of ["apiKey", "secret", "ccxtOptions"] as const) {
      if (parsed[field] !== undefined) {
        throw new InvalidArgumentError(
          COMPONENT,
          field,
          // Never echoed: it may be a key.
          field === "ccxtOptions" ? Object.keys(parsed.ccxtOptions ?? {}) : REDACTED,
          "nothing next to `exchange`: put keys and ccxt options on your own instance",
        );
      }
    }
    const exchange = parsed.exchange;
    const profile = profileOf(exchange.id);
    // Reconciliation lists the open orders of every symbol; ccxt refuses that unless told the cost is understood.
    exchange.options = { warnOnFetchOpenOrdersWithoutSymbol: false, ...exchange.options };
    return { exchange, profile };
  }
  const profile = VENUE_PROFILES[parsed.exchangeId!];
  const env = parsed.env ?? process.env;
  const apiKey = parsed.apiKey ?? firstSet(env, profile.env.apiKey);
  const secret = parsed.secret ?? firstSet(env, profile.env.secret);
  if (apiKey === undefined || secret === undefined) {
    const missing = apiKey === undefined ? profile.env.apiKey : profile.env.secret;
    throw new InvalidArgumentError(
      COMPONENT,
      apiKey === undefined ? "apiKey" : "secret",
      undefined,
      `the option, or one of the environment variables ${missing.join(", ")}`,
    );
  }
  const { options: userOptions, ...rest } = parsed.ccxtOptions ?? {};
  const secretField = Object.keys(rest).find(isSecretName);
  if (secretField !== undefined) {
    throw new InvalidArgumentError(
      COMPONENT,
      `ccxtOptions.${secretField}`,
      REDACTED,
      "credentials in `apiKey`/`secret` (or the environment), not in ccxtOptions",
    );
  }
  const ExchangeClass = (ccxt as unknown as Record<string, ExchangeConstructor>)[profile.venueId]!;
  const exchange = new ExchangeClass({
    enableRateLimit: true,
    ...rest,
    apiKey,
    secret,
    options: { ...profile.ccxtOptions, ...(userOptions as Record<string, unknown> | undefined) },
  });
  return { exchange, profile };
}

function profileOf(id: string): VenueProfile {
  const profile = (VENUE_PROFILES as Record<string, VenueProfile | undefined>)[id];
  if (profile === undefined) {
    throw new InvalidArgumentError(COMPONENT, "exchange", id, `a ccxt instance of ${VENUE_IDS.join(" or ")}`);
  }
  return profile;
}

function firstSet(env: Readonly<Record<string, string | undefined>>, names: readonly string[]) {
  for (const name of names) {
    const value = env[name];
    if (value !== undefined && value !== "") return value;
  }
  return undefined;
}
