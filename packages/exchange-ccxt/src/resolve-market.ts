/** The fields of a ccxt market the symbol rule looks at. */
export interface MarketIdentity {
  readonly id: string;
  readonly symbol: string;
  readonly base: string;
  readonly quote: string;
  readonly type?: string;
  readonly spot?: boolean;
  readonly swap?: boolean;
  readonly linear?: boolean;
  readonly active?: boolean;
}

/**
 * The symbol rule. `input` is matched against the exchange's markets:
 *
 * 1. a unified ccxt symbol (`BTC/USDT`, `BTC/USDT:USDT`, any case) names exactly that market;
 * 2. a compact name (`BTCUSDT`, `btcusdt`, or an exchange id such as `BTC-USDT`) matches spot markets and
 *    perpetual swaps whose exchange id or `base + quote` equals it; dated futures and options never match a
 *    compact name. Spot wins, then the linear swap, then the inverse swap, unless `preferSwap` (the ccxt
 *    instance's `options.defaultType` is `swap` or `future`, as on bybit), in which case the linear swap wins.
 *    Among equals an active market wins.
 *
 * Returns `undefined` when nothing matches.
 */
export function resolveMarket<M extends MarketIdentity>(
  input: string,
  markets: readonly M[],
  preferSwap: boolean,
): M | undefined {
  const wanted = input.trim().toUpperCase();
  const exact = markets.find((market) => market.symbol === input.trim());
  if (exact !== undefined) return exact;
  const unified = markets.find((market) => market.symbol.toUpperCase() === wanted);
  if (unified !== undefined) return unified;
  if (wanted.includes("/")) return undefined;
  const candidates = markets.filter(
    (market) =>
      (market.spot === true || market.swap === true) &&
      (market.id.toUpperCase() === wanted || `${market.base}${market.quote}`.toUpperCase() === wanted),
  );
  return candidates.sort((a, b) => rank(a, preferSwap) - rank(b, preferSwap))[0];
}

function rank(market: MarketIdentity, preferSwap: boolean): number {
  const spot = market.spot === true;
  const linearSwap = market.swap === true && market.linear === true;
  const typeRank = spot ? (preferSwap ? 1 : 0) : linearSwap ? (preferSwap ? 0 : 1) : 2;
  return typeRank * 2 + (market.active === false ? 1 : 0);
}

/** Whether a ccxt instance's default market type makes `BTCUSDT` mean the perpetual swap. */
export function prefersSwap(options: Readonly<Record<string, unknown>> | undefined): boolean {
  const defaultType = options?.defaultType;
  return defaultType === "swap" || defaultType === "future";
}
