import { type Candle, InvalidArgumentError } from "@candlewick/core";
import { type CandleTable, candlesToTable, MINUTE_MS, readCandleCsv } from "@candlewick/core/internal";
import type { CandleSource } from "../venue-emulator-options.js";

/** Reads one symbol's candle source and checks it is 1m candles on minute boundaries, strictly increasing. */
export async function loadCandles(symbol: string, source: CandleSource): Promise<CandleTable> {
  const value =
    typeof source === "string"
      ? await readCandleCsv(source, "venue-emulator")
      : typeof source === "function"
        ? await source()
        : source;
  const table = Array.isArray(value) ? candlesToTable(value as readonly Candle[]) : (value as CandleTable);
  const field = `candles.${symbol}`;
  if (table.length === 0)
    throw new InvalidArgumentError("createVenueEmulator", field, "no candles", "at least one 1m candle");
  for (let i = 0; i < table.length; i++) {
    const time = table.timestamp[i]!;
    if (time % MINUTE_MS !== 0 || (i > 0 && time <= table.timestamp[i - 1]!)) {
      throw new InvalidArgumentError(
        "createVenueEmulator",
        `${field}[${i}].timestamp`,
        time,
        "1m candles: open times on minute boundaries, strictly increasing",
      );
    }
  }
  return table;
}
