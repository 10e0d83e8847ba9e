import type { Exchange } from "ccxt";

/**
 * The cache directory name of a ccxt instance: its id, plus `-sandbox` when sandbox mode is on, because a
 * testnet's candles are not the exchange's. Two adapters on the same exchange share one cache.
 */
export function cacheKeyOf(exchange: Exchange): string {
  const sandbox = (exchange as { isSandboxModeEnabled?: boolean }).isSandboxModeEnabled === true;
  return sandbox ? `${exchange.id}-sandbox` : exchange.id;
}
