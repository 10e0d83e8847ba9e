import type { VenueContext } from "../binance/route.js";
import { type Atoms, parseAtoms } from "../engine/decimal.js";
import type { MarginAccount } from "../engine/margin-account.js";

/** USDⓈ-M's PERCENT_PRICE filter: a limit buy at most mark × up, a limit sell at least mark × down. */
export interface PercentPrice {
  readonly up: Atoms;
  readonly down: Atoms;
}

/** What the fapi handlers share: the spot context's parts over the margin account, and PERCENT_PRICE per symbol. */
export interface UsdmContext extends VenueContext<MarginAccount> {
  readonly percentPrice: ReadonlyMap<string, PercentPrice>;
}

/** The PERCENT_PRICE filter of a fapi exchangeInfo `symbols[]` entry, if it has one. */
export function readPercentPrice(entry: Record<string, unknown>): PercentPrice | undefined {
  const filters = (entry.filters as Record<string, unknown>[] | undefined) ?? [];
  const filter = filters.find((f) => f.filterType === "PERCENT_PRICE");
  const up = parseAtoms(String(filter?.multiplierUp ?? ""));
  const down = parseAtoms(String(filter?.multiplierDown ?? ""));
  return up === undefined || down === undefined ? undefined : { up, down };
}
