import { CandlewickError, type ExchangeSchema } from "@candlewick/core";
import { candleCoverage, describeCoverage } from "./candle-coverage.js";
import { RunFailure } from "./usage-error.js";

/**
 * A run that failed with "no 1m candles for X in frame …" becomes a failure that also says what the data covers,
 * so the user sees which window to pick. Local data only (`csv:` or `--offline`): finding the range costs about 25
 * one-candle requests, which an online exchange would serve from the network. Any other error is returned as is.
 */
export async function explainNoCandles(
  error: unknown,
  exchange: ExchangeSchema,
  options: { symbol: string; exchange: string; offline?: boolean },
): Promise<unknown> {
  if (!CandlewickError.isInstance(error) || error.code !== "EXCHANGE_ERROR") return error;
  if (!/\bno 1m candles for\b/.test(error.message)) return error;
  if (!options.exchange.startsWith("csv:") && options.offline !== true) return error;
  const coverage = await candleCoverage(exchange, options.symbol).catch(() => undefined);
  if (coverage === undefined) return error;
  return new RunFailure(
    `${error.message}; ${describeCoverage(coverage)}`,
    "pick --from/--to inside the data's range",
  );
}
