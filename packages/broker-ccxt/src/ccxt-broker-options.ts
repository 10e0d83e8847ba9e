import { InvalidArgumentError, REDACTED } from "@candlewick/core";
import type { Exchange } from "ccxt";
import { z } from "zod";
import { COMPONENT } from "./component.js";
import { VENUE_IDS } from "./venue-profile.js";

/** ccxt ids are short lower-case words; a value unlike one may be a key put in the wrong place. */
const LOOKS_LIKE_AN_ID = /^[A-Za-z][a-z0-9]{0,23}$/;

/**
 * Refuses an unknown `exchangeId` before the schema would echo it: shown only when it looks like a misspelt id
 * (`binanse`), never when it could be a credential.
 */
export function checkExchangeId(options: unknown): void {
  const id = (options as { exchangeId?: unknown } | null)?.exchangeId;
  if (typeof id !== "string" || (VENUE_IDS as readonly string[]).includes(id)) return;
  const shown = LOOKS_LIKE_AN_ID.test(id) ? id : REDACTED;
  throw new InvalidArgumentError(COMPONENT, "exchangeId", shown, `one of ${VENUE_IDS.join(", ")}`);
}

/** Duck-typed check for a ccxt `Exchange`, so an instance from another copy of ccxt is accepted too. */
export function isCcxtExchange(value: unknown): value is Exchange {
  if (typeof value !== "object" || value === null) return false;
  const candidate = value as Record<string, unknown>;
  return (
    typeof candidate.id === "string" &&
    typeof candidate.createOrder === "function" &&
    typeof candidate.loadMarkets === "function"
  );
}

const credential = z.string().min(1, "a non-empty string");

/**
 * Options of `createCcxtBroker`: either your own ccxt instance (`exchange`, with its keys on it) or a ccxt id
 * (`exchangeId`) with keys given here or read from the environment. Strict: a misspelt option is an error.
 */
export const ccxtBrokerOptionsSchema = z
  .strictObject({
    /** Your ccxt instance (`new ccxt.binance({ apiKey, secret, ... })`): used as it is. */
    exchange: z
      .custom<Exchange>(isCcxtExchange, "a ccxt Exchange instance (e.g. new ccxt.binance({...}))")
      .optional(),
    /** The venue, when the broker makes the ccxt instance itself. */
    exchangeId: z.enum(VENUE_IDS).optional(),
    /** API key; default from the environment (see the README). Only with `exchangeId`. */
    apiKey: credential.optional(),
    /** API secret; default from the environment. Only with `exchangeId`. */
    secret: credential.optional(),
    /** Name for messages and state keys. Default: the ccxt id (`"binance"`). */
    brokerName: z
      .string()
      .min(1)
      .regex(/^[A-Za-z0-9._-]+$/, "letters, digits, '.', '_' or '-'")
      .optional(),
    /** Passed to the ccxt constructor (`timeout`, `urls`, `options`, ...); only with `exchangeId`. */
    ccxtOptions: z.record(z.string(), z.unknown()).optional(),
    /** Where credentials are read from. Default `process.env`. */
    env: z.record(z.string(), z.string().optional()).optional(),
  })
  .refine((options) => (options.exchange === undefined) !== (options.exchangeId === undefined), {
    message: "exactly one of exchange (a ccxt instance) or exchangeId",
    path: ["exchange"],
  });

/** What you pass to `createCcxtBroker`. */
export type CcxtBrokerOptions = z.input<typeof ccxtBrokerOptionsSchema>;
