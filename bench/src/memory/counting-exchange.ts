import type { ExchangeSchema } from "@candlewick/core";

/** An exchange that counts the candles it serves, and the counter to read. */
export interface CountingExchange {
  readonly exchange: ExchangeSchema;
  /** Candles served so far, over every engine the exchange is registered with. */
  served(): number;
}

/**
 * Wraps `source` to count the candles it returns, as objects or as columns. A feed asks for each range once
 * and keeps every candle of a gap-free source, so the count is the number of candles the engines hold.
 */
export function countingExchange(source: ExchangeSchema): CountingExchange {
  let served = 0;
  const { getCandleColumns } = source;
  const exchange: ExchangeSchema = {
    ...source,
    async getCandles(symbol, interval, since, limit) {
      const page = await source.getCandles(symbol, interval, since, limit);
      served += page.length;
      return page;
    },
    ...(getCandleColumns === undefined
      ? {}
      : {
          async getCandleColumns(symbol, interval, since, limit) {
            const page = await getCandleColumns.call(source, symbol, interval, since, limit);
            served += page.length;
            return page;
          },
        }),
  };
  return { exchange, served: () => served };
}
