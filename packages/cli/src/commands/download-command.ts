import type { CliIo } from "../cli-io.js";
import { parseInterval, parseRange } from "../parse-options.js";
import { createProgressBar } from "../progress-bar.js";
import { importCcxtAdapter } from "../resolve-exchange.js";
import { UsageError } from "../usage-error.js";

/** Options of `candlewick download`. */
export interface DownloadCommandOptions {
  exchange: string;
  symbol: string[];
  from?: string;
  to?: string;
  interval: string;
  cacheDir: string;
  json?: boolean;
}

/**
 * `candlewick download`: fills the ccxt adapter's candle cache (`downloadCandles` of `@candlewick/exchange-ccxt`) so
 * later backtests run offline with `--exchange <id> --offline`. Resumes where an interrupted download stopped.
 */
export async function downloadCommand(options: DownloadCommandOptions, io: CliIo): Promise<number> {
  const range = parseRange(options);
  const interval = parseInterval("--interval", options.interval);
  if (options.exchange.startsWith("csv:")) {
    throw new UsageError("download needs a ccxt exchange id, not csv:", "e.g. --exchange binance");
  }
  const symbols = options.symbol.flatMap((value) => value.split(",")).filter((s) => s.length > 0);
  if (symbols.length === 0)
    throw new UsageError("missing --symbol", "e.g. --symbol BTCUSDT --symbol ETHUSDT");
  const { downloadCandles } = await importCcxtAdapter();
  const bar = createProgressBar(`download ${options.exchange}`, io.stderr as NodeJS.WriteStream);
  try {
    const summary = await downloadCandles({
      exchange: options.exchange,
      symbols,
      interval,
      from: range.from,
      to: range.to,
      cacheDir: options.cacheDir,
      onProgress: (progress) => bar.update(progress.rowsDone, progress.rowsExpected, progress.symbol),
    });
    bar.stop();
    if (options.json) io.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
    else {
      for (const entry of summary.symbols) {
        io.stdout.write(
          `${entry.symbol}: ${entry.rows} candles cached (${entry.fetchedRows} fetched, ${entry.gaps.length} gaps) in ${summary.cacheDir}\n`,
        );
      }
    }
  } finally {
    bar.stop();
  }
  return 0;
}
