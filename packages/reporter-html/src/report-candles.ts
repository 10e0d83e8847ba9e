import type { Candle, ClosedResult, ExchangeSchema } from "@candlewick/core";
import { CANDLE_INTERVALS, type CandleInterval, INTERVAL_MS } from "@candlewick/core";
import type { CandleChartSpec, MarkerSpec } from "./chart-spec.js";

/** Candles per price chart by default: enough to see the trades, small enough for a file people mail. */
export const DEFAULT_MAX_CANDLES = 1500;

/** The shortest interval that shows `[from, to)` in at most `maxCandles` candles (1d at most). */
export function chartInterval(from: number, to: number, maxCandles = DEFAULT_MAX_CANDLES): CandleInterval {
  const span = Math.max(to - from, 0);
  return CANDLE_INTERVALS.find((interval) => span / INTERVAL_MS[interval] <= maxCandles) ?? "1d";
}

/**
 * The candles of each symbol over `[from, to)` for the price charts, at {@link chartInterval}, read from an
 * exchange schema (the one the backtest ran on), paging `getCandles` until the range is covered.
 */
export async function loadReportCandles(
  exchange: Pick<ExchangeSchema, "getCandles">,
  symbols: readonly string[],
  from: number,
  to: number,
  maxCandles = DEFAULT_MAX_CANDLES,
): Promise<Record<string, Candle[]>> {
  const interval = chartInterval(from, to, maxCandles);
  const step = INTERVAL_MS[interval];
  const start = Math.floor(from / step) * step;
  const result: Record<string, Candle[]> = {};
  for (const symbol of symbols) {
    const candles: Candle[] = [];
    let since = start;
    while (since < to) {
      const page = await exchange.getCandles(symbol, interval, new Date(since), 1000);
      for (const candle of page) if (candle.timestamp < to) candles.push(candle);
      if (page.length < 1000) break;
      since = page.at(-1)!.timestamp + step;
    }
    result[symbol] = candles;
  }
  return result;
}

/**
 * A candlestick chart of `candles` with the trades on it: an arrow at each entry (up for a long, down for a
 * short, `+` for an add), a violet circle (`½`) at each partial exit, a square at the final exit labelled with
 * the PnL, and an amber dot where a stop or take-profit moved (the trade table has the prices). Markers sit on the candle their time falls in.
 */
export function candleChart(
  id: string,
  candles: readonly Candle[],
  trades: readonly ClosedResult[],
): CandleChartSpec {
  const times = candles.map((candle) => Math.floor(candle.timestamp / 1000));
  // The open time (s) of the candle holding `epochMs`, or undefined outside the candles.
  const barOf = (epochMs: number): number | undefined => {
    const second = epochMs / 1000;
    let low = 0;
    let high = times.length - 1;
    if (high < 0 || second < times[0]!) return undefined;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (times[mid]! <= second) low = mid;
      else high = mid - 1;
    }
    return times[low];
  };
  const markers: MarkerSpec[] = [];
  const add = (epochMs: number, marker: Omit<MarkerSpec, "time">) => {
    const time = barOf(epochMs);
    if (time !== undefined) markers.push({ time, ...marker });
  };
  for (const trade of trades) {
    const long = trade.signal.position === "long";
    const entries =
      trade.signal.entries.length > 0
        ? trade.signal.entries
        : [{ timestamp: trade.signal.pendingAt, price: trade.signal.priceOpen }];
    entries.forEach((entry, index) => {
      add(entry.timestamp, {
        position: long ? "belowBar" : "aboveBar",
        shape: long ? "arrowUp" : "arrowDown",
        color: "#0969da",
        text: index === 0 ? (long ? "L" : "S") : "+",
      });
    });
    const exits = trade.signal.exits;
    exits.forEach((exit, index) => {
      if (index === exits.length - 1) return; // the final exit is marked below, with the trade's result
      add(exit.timestamp, {
        position: long ? "aboveBar" : "belowBar",
        shape: "circle",
        color: "#8250df",
        text: `partial ${exit.price}`,
      });
    });
    for (const change of trade.signal.levelChanges) {
      add(change.timestamp, {
        position: "inBar",
        shape: "circle",
        color: "#9a6700",
        text: "",
      });
    }
    const pnl = trade.pnl.pnlPercentage;
    add(trade.closeTimestamp, {
      position: long ? "aboveBar" : "belowBar",
      shape: "square",
      color: pnl >= 0 ? "#1a7f37" : "#cf222e",
      text: `${pnl >= 0 ? "+" : ""}${pnl.toFixed(2)}%`,
    });
  }
  markers.sort((a, b) => a.time - b.time);
  return {
    type: "candles",
    id,
    candles: candles.map((c, i) => [times[i]!, c.open, c.high, c.low, c.close] as const),
    markers,
  };
}
