import type { Candle, ExchangeSchema } from "@candlewick/core";
import { RunFailure } from "./usage-error.js";

/**
 * The 1m candles of `symbol` whose open time is in `[since, to)`, oldest first, fetched page by page: the
 * history and window an analysis replays on engines of its own.
 */
export async function loadCandleHistory(
  exchange: ExchangeSchema,
  symbol: string,
  since: Date,
  to: Date,
): Promise<Candle[]> {
  const candles: Candle[] = [];
  const page = exchange.maxCandlesPerRequest ?? 1000;
  let cursor = since.getTime();
  while (cursor < to.getTime()) {
    const batch = await exchange.getCandles(symbol, "1m", new Date(cursor), page);
    const fresh = batch.filter((candle) => candle.timestamp >= cursor && candle.timestamp < to.getTime());
    candles.push(...fresh);
    if (fresh.length === 0 || batch.length < page) break;
    cursor = fresh.at(-1)!.timestamp + 60_000;
  }
  if (candles.length === 0) {
    throw new RunFailure(
      `no 1m candles for ${symbol} from ${since.toISOString()} to ${to.toISOString()} on ${exchange.exchangeName}`,
      "check --symbol, --from/--to and --exchange (candlewick list-data shows what the folder holds)",
    );
  }
  return candles;
}
