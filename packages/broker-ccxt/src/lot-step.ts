/** ccxt's precision modes (`exchange.precisionMode`): what a market's `precision.amount` means. */
const DECIMAL_PLACES = 2;
const TICK_SIZE = 4;

/**
 * The market's lot step from ccxt's market: `precision.amount` is the step itself in `TICK_SIZE` mode (Binance:
 * LOT_SIZE `stepSize`, 0.00001 on BTCUSDT) and a number of decimals in `DECIMAL_PLACES` mode; null when the market
 * gives none or counts significant digits (no fixed step).
 */
export function lotStepOf(
  market: { readonly precision?: { readonly amount?: number | undefined } },
  precisionMode: number | undefined,
): number | null {
  const amount = market.precision?.amount;
  if (amount === undefined || !Number.isFinite(amount) || amount <= 0) return null;
  if (precisionMode === TICK_SIZE) return amount;
  if (precisionMode === DECIMAL_PLACES) return Number((10 ** -amount).toPrecision(15));
  return null;
}
