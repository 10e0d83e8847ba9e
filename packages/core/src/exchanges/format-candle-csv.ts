import type { Candle } from "../spec/candle.js";
import { CANDLE_CSV_HEADER } from "./read-candle-csv.js";

/**
 * A candle CSV's text, the layout `parseCandleCsv` reads: each comment as a `# ` line, the header, then one row
 * per candle. Numbers are written with `String(number)`, the shortest text that reads back as the same double,
 * so a round trip is exact.
 */
export function formatCandleCsv(candles: readonly Candle[], comments: readonly string[] = []): string {
  const lines = comments.map((comment) => `# ${comment}`);
  lines.push(CANDLE_CSV_HEADER);
  for (const c of candles) lines.push(`${c.timestamp},${c.open},${c.high},${c.low},${c.close},${c.volume}`);
  return `${lines.join("\n")}\n`;
}
