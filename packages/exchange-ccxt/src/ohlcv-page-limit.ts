import type { Exchange } from "ccxt";

/** Used when ccxt documents no limit: small enough for every exchange ccxt supports. */
export const FALLBACK_PAGE_LIMIT = 100;

interface MarketKind {
  readonly type?: string;
  readonly linear?: boolean;
}

/**
 * Most candles one `fetchOHLCV` call returns for this market, from ccxt's `features` table
 * (`features.spot.fetchOHLCV.limit`, `features.swap.linear.fetchOHLCV.limit`, ...). Asking for more would be
 * capped silently by the exchange, and a silently shortened page is indistinguishable from missing data.
 */
export function ohlcvPageLimit(exchange: Exchange, market: MarketKind): number {
  const features = (exchange.features ?? {}) as Record<string, unknown>;
  const byType = asRecord(features[market.type ?? "spot"]);
  const node =
    market.type === "spot" || market.type === undefined
      ? byType
      : asRecord(byType?.[market.linear === false ? "inverse" : "linear"]);
  const limit = asRecord(node?.fetchOHLCV)?.limit;
  return typeof limit === "number" && Number.isInteger(limit) && limit > 0 ? limit : FALLBACK_PAGE_LIMIT;
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === "object" && value !== null ? (value as Record<string, unknown>) : undefined;
}
