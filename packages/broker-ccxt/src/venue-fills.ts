import type { BrokerFill } from "@candlewick/core";
import type { Exchange, Trade } from "ccxt";
import type { VenueProfile } from "./venue-profile.js";

/** Most trades one request returns (Binance's myTrades maximum). */
const PAGE = 1000;

/**
 * Executions of one market at or after `since`, oldest first. Binance's myTrades serves at most 24 hours from
 * `startTime` (USDⓈ-M: 7 days): when `since` is older than that window (or 0, "everything"), the latest page is
 * read instead and filtered, which holds every fill of a live run that asks for its fills as they come; otherwise
 * pages from `since`, continuing while a page is full.
 */
export async function fetchTradesSince(
  exchange: Exchange,
  profile: VenueProfile,
  symbol: string,
  since: number,
): Promise<Trade[]> {
  const now = exchange.milliseconds();
  const window = profile.tradeWindowMs;
  if (window !== undefined && now - since >= window) {
    const latest = await exchange.fetchMyTrades(symbol, undefined, PAGE);
    return latest.filter((trade) => (trade.timestamp ?? 0) >= since);
  }
  const trades: Trade[] = [];
  let from = since;
  for (;;) {
    const page = await exchange.fetchMyTrades(symbol, from, PAGE);
    const seen = new Set(trades.map((trade) => trade.id));
    trades.push(...page.filter((trade) => !seen.has(trade.id)));
    const last = page.at(-1)?.timestamp;
    if (page.length < PAGE || last === undefined || last <= from) return trades;
    from = last;
  }
}

/** A ccxt trade as a `BrokerFill`; `clientOrderId` looked up from its venue order id by the caller. */
export function mapCcxtTrade(trade: Trade, clientOrderId: string, symbol: string): BrokerFill {
  return {
    fillId: String(trade.id),
    clientOrderId,
    venueOrderId: String(trade.order),
    symbol,
    side: trade.side === "sell" ? "sell" : "buy",
    price: trade.price ?? 0,
    quantity: trade.amount ?? 0,
    fee: trade.fee?.cost ?? 0,
    feeCurrency: trade.fee?.currency ?? "",
    timestamp: trade.timestamp ?? 0,
  };
}
