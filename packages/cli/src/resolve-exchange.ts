import { createCsvExchange, type ExchangeSchema } from "@candlewick/core";
import { UsageError } from "./usage-error.js";

/** Options shared by the commands that read candles. */
export interface ExchangeOptions {
  /** `csv:<dir>` (candle files `<SYMBOL>-1m.csv[.gz]`) or a ccxt exchange id such as `binance`. */
  readonly exchange: string;
  /** Candle cache of the ccxt adapter. */
  readonly cacheDir: string;
  /** ccxt adapter: serve only from the cache, never call the exchange. */
  readonly offline?: boolean;
}

/**
 * Builds the exchange an `--exchange` option names: `csv:<dir>` → core's CSV exchange; any other name → a ccxt
 * exchange through `@candlewick/exchange-ccxt` (an optional peer: a clear error when it is not installed).
 */
export async function resolveExchange(options: ExchangeOptions): Promise<ExchangeSchema> {
  const spec = options.exchange;
  if (spec.startsWith("csv:")) {
    const dir = spec.slice(4);
    if (dir.length === 0)
      throw new UsageError("--exchange csv: needs a folder", "e.g. --exchange csv:./data/candles");
    return createCsvExchange({ exchangeName: "csv", dir });
  }
  if (!/^[a-z0-9]+$/.test(spec)) {
    throw new UsageError(
      `--exchange "${spec}" is neither csv:<dir> nor a ccxt exchange id`,
      "e.g. --exchange csv:./data/candles or --exchange binance",
    );
  }
  const ccxt = await importCcxtAdapter();
  return ccxt.createCcxtExchange({
    exchange: spec,
    cache: { dir: options.cacheDir, offline: options.offline ?? false },
  }) as ExchangeSchema;
}

/** The ccxt adapter module, or a usage error telling how to install it. */
export async function importCcxtAdapter(): Promise<typeof import("@candlewick/exchange-ccxt")> {
  try {
    return await import("@candlewick/exchange-ccxt");
  } catch (error) {
    throw new UsageError(
      `exchange adapters need @candlewick/exchange-ccxt (${(error as Error).message.split("\n")[0]})`,
      "npm install @candlewick/exchange-ccxt ccxt, or use --exchange csv:<dir> with local candle files",
    );
  }
}
