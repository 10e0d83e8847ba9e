import { resolve } from "node:path";
import { type CandleSeries, listCcxtCache, listCsvFolder } from "../candle-inventory.js";
import type { CliIo } from "../cli-io.js";

/** Options of `candlewick list-data`. */
export interface ListDataOptions {
  dir: string;
  cacheDir: string;
  json?: boolean;
}

/** `candlewick list-data`: the candle series of a CSV folder and of the ccxt cache, with ranges and gaps. */
export async function listDataCommand(options: ListDataOptions, io: CliIo): Promise<number> {
  const csv = await listCsvFolder(options.dir);
  const cache = await listCcxtCache(options.cacheDir);
  if (options.json) {
    io.stdout.write(
      `${JSON.stringify({ csv: { dir: resolve(options.dir), series: csv }, ccxtCache: { dir: resolve(options.cacheDir), series: cache } }, null, 2)}\n`,
    );
    return 0;
  }
  io.stdout.write(
    `${[
      `csv folder ${options.dir}: ${csv.length === 0 ? "no candle files" : ""}`.trimEnd(),
      ...table(csv, "folder"),
      `ccxt cache ${options.cacheDir}: ${cache.length === 0 ? "empty" : ""}`.trimEnd(),
      ...table(cache, "exchange"),
    ].join("\n")}\n`,
  );
  return 0;
}

function table(series: readonly CandleSeries[], locationHeader: string): string[] {
  if (series.length === 0) return [];
  const rows = [
    [locationHeader, "symbol", "interval", "from (UTC)", "to (UTC, exclusive)", "rows", "gaps"],
    ...series.map((item) => [
      item.location,
      item.symbol,
      item.interval,
      minute(item.from),
      minute(item.to),
      item.rows.toLocaleString("en-US"),
      gapSummary(item),
    ]),
  ];
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  return rows.map((row) =>
    `  ${row.map((cell, column) => cell.padEnd(widths[column]!)).join("  ")}`.trimEnd(),
  );
}

/** `none`, or the count with the largest gap: `1 (80 candles from 2023-03-24 12:40)`. */
function gapSummary(series: CandleSeries): string {
  if (series.gaps.length === 0) return "none";
  const largest = series.gaps.reduce((a, b) => (b.missing > a.missing ? b : a));
  return `${series.gaps.length} (largest ${largest.missing} candles from ${minute(largest.from)})`;
}

function minute(time: number): string {
  return Number.isNaN(time) ? "-" : new Date(time).toISOString().slice(0, 16).replace("T", " ");
}
