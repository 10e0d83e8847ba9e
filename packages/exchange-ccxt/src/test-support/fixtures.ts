import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";
import type { Candle } from "@candlewick/core";

/** Absolute path of a file in `src/__fixtures__`. */
export function fixturePath(name: string): string {
  return fileURLToPath(new URL(`../__fixtures__/${name}`, import.meta.url));
}

/** A recorded response body, as text. */
export function fixtureText(name: string): string {
  return readFileSync(fixturePath(name), "utf8");
}

/** One fixture candle: the values as the exchange printed them (strings) and as numbers. */
export interface FixtureRow {
  readonly timestamp: number;
  /** open, high, low, close, volume exactly as in the source file. */
  readonly text: readonly [string, string, string, string, string];
  readonly candle: Candle;
}

/** The rows of a `timestamp,open,high,low,close,volume` fixture (gzip or plain). */
export function fixtureRows(name: string): FixtureRow[] {
  const bytes = readFileSync(fixturePath(name));
  const text = (bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes).toString("utf8");
  return text
    .split("\n")
    .slice(1)
    .filter((line) => line.trim() !== "")
    .map((line) => {
      const [time, open, high, low, close, volume] = line.trim().split(",") as [
        string,
        string,
        string,
        string,
        string,
        string,
      ];
      const timestamp = Number(time);
      return {
        timestamp,
        text: [open, high, low, close, volume],
        candle: {
          timestamp,
          open: Number(open),
          high: Number(high),
          low: Number(low),
          close: Number(close),
          volume: Number(volume),
        },
      };
    });
}

/** The candles of a fixture. */
export function fixtureCandles(name: string): Candle[] {
  return fixtureRows(name).map((row) => row.candle);
}
