import type { ExchangeSchema } from "../spec/exchange.js";
import type { CandleInterval } from "../spec/interval.js";
import { CandleFeed } from "./candle-feed.js";
import { INTERVAL_MS } from "./interval.js";

/**
 * Every candle feed of one exchange, memoised by symbol and interval. Shared by all runs of an engine:
 * historical candles do not change, so a walker's strategies or several symbols' runs load them once.
 */
export class CandleRepository {
  private readonly feeds = new Map<string, Map<CandleInterval, CandleFeed>>();

  constructor(readonly exchange: ExchangeSchema) {}

  /** Makes `feed` the one of its symbol and interval (a worker thread's feed reading shared candles). */
  replace(feed: CandleFeed): void {
    let bySymbol = this.feeds.get(feed.symbol);
    if (bySymbol === undefined) {
      bySymbol = new Map();
      this.feeds.set(feed.symbol, bySymbol);
    }
    bySymbol.set(feed.interval, feed);
  }

  feed(symbol: string, interval: CandleInterval): CandleFeed {
    let bySymbol = this.feeds.get(symbol);
    if (bySymbol === undefined) {
      bySymbol = new Map();
      this.feeds.set(symbol, bySymbol);
    }
    let feed = bySymbol.get(interval);
    if (feed === undefined) {
      feed = new CandleFeed(this.exchange, symbol, interval, INTERVAL_MS[interval]);
      bySymbol.set(interval, feed);
    }
    return feed;
  }
}
