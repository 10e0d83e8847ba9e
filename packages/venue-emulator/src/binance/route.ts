import type { CandleFeed } from "../engine/candle-feed.js";
import type { Ledger } from "../engine/ledger.js";
import type { MatchingEngine } from "../engine/matching-engine.js";
import type { SpotLedger } from "../engine/spot-ledger.js";
import type { VenueRequest, VenueResponse } from "../http/venue-request.js";
import type { Security } from "./authenticate.js";
import { reject } from "./binance-reject.js";
import type { SymbolFilters } from "./symbol-filters.js";

/** What the route handlers share: the engine, its account model, the markets and the in-memory sessions. */
export interface VenueContext<L extends Ledger = Ledger> {
  readonly engine: MatchingEngine;
  /** The engine's ledger, as its concrete account model. */
  readonly ledger: L;
  readonly filters: ReadonlyMap<string, SymbolFilters>;
  readonly feeds: ReadonlyMap<string, CandleFeed>;
  /** The exchangeInfo body served, already cut to the emulated symbols. */
  readonly exchangeInfo: Record<string, unknown>;
  /** Listen keys of user data streams: what a venue restart forgets. */
  readonly listenKeys: Set<string>;
}

/** The spot venue's context. */
export type SpotContext = VenueContext<SpotLedger>;

/** One REST endpoint: its Binance security type and handler. */
export interface Route<C extends VenueContext = SpotContext> {
  readonly security: Security;
  readonly handle: (request: VenueRequest, context: C) => VenueResponse;
}

export const ok = (body: unknown, headers?: Record<string, string>): VenueResponse => ({
  status: 200,
  body,
  headers,
});

/** An integer parameter, or undefined when absent. */
export function integerParam(request: VenueRequest, name: string): number | undefined {
  const text = request.params.get(name);
  if (text === null || text === "") return undefined;
  if (!/^[0-9]{1,20}$/.test(text)) throw reject.illegalCharacters(name, "^[0-9]{1,20}$");
  return Number(text);
}
