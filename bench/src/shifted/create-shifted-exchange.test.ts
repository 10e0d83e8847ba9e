import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import {
  type Candle,
  createEngine,
  ExchangeError,
  getCandles,
  InvalidArgumentError,
  type SignalDto,
} from "@candlewick/core";
import { checkCandles } from "@candlewick/core/internal";
import { beforeAll, describe, expect, it } from "vitest";
import { createShiftedExchange } from "./create-shifted-exchange.js";
import { createShiftedPortfolio, SHIPPED_CANDLES_DIR } from "./shifted-portfolio.js";

const MINUTE = 60_000;
const DAY = 86_400_000;

/** An independent reader: gunzip, split, Number() — not the core's CSV reader. */
function readBase(symbol: string): Map<number, Candle> {
  const text = gunzipSync(readFileSync(join(SHIPPED_CANDLES_DIR, `${symbol}-1m.csv.gz`))).toString("utf8");
  const rows = new Map<number, Candle>();
  for (const line of text.trim().split("\n").slice(1)) {
    const [timestamp, open, high, low, close, volume] = line.split(",").map(Number) as [
      number,
      number,
      number,
      number,
      number,
      number,
    ];
    rows.set(timestamp, { timestamp, open, high, low, close, volume });
  }
  return rows;
}

let base: Record<string, Map<number, Candle>> = {};
beforeAll(() => {
  base = { BTCUSDT: readBase("BTCUSDT"), ETHUSDT: readBase("ETHUSDT") };
});

/** Every candle of `symbol` with open time in `[from, to)`, paged the way the core pages. */
async function candlesOf(
  exchange: ReturnType<typeof createShiftedExchange>,
  symbol: string,
  from: number,
  to: number,
): Promise<Candle[]> {
  const out: Candle[] = [];
  let since = from;
  while (since < to) {
    const page = await exchange.getCandles(symbol, "1m", new Date(since), 100_000);
    if (page.length === 0) break;
    for (const candle of page) if (candle.timestamp < to) out.push(candle);
    since = page.at(-1)!.timestamp + MINUTE;
  }
  return out;
}

describe("createShiftedExchange", () => {
  it("names the symbols base by base, shift by shift", () => {
    const exchange = createShiftedExchange({
      count: 5,
      dir: SHIPPED_CANDLES_DIR,
      baseSymbols: ["BTCUSDT", "ETHUSDT"],
      shiftDays: 3,
    });
    expect(exchange.symbols).toEqual([
      { symbol: "BTCUSDT", baseSymbol: "BTCUSDT", shiftMs: 0 },
      { symbol: "ETHUSDT", baseSymbol: "ETHUSDT", shiftMs: 0 },
      { symbol: "BTCUSDT+3d", baseSymbol: "BTCUSDT", shiftMs: 3 * DAY },
      { symbol: "ETHUSDT+3d", baseSymbol: "ETHUSDT", shiftMs: 3 * DAY },
      { symbol: "BTCUSDT+6d", baseSymbol: "BTCUSDT", shiftMs: 6 * DAY },
    ]);
  });

  it("symbol k's candle at t is the base's real candle at t - shift, field by field", async () => {
    const { exchange } = createShiftedPortfolio();
    // Three symbols of each base, at three times: the first shift, a middle one and the last.
    for (const symbol of ["BTCUSDT", "ETHUSDT+1d", "BTCUSDT+24d", "ETHUSDT+49d"]) {
      const entry = exchange.symbols.find((known) => known.symbol === symbol)!;
      for (const t of [
        Date.UTC(2025, 6, 10, 0, 0),
        Date.UTC(2025, 6, 25, 13, 37),
        Date.UTC(2025, 7, 9, 23, 59),
      ]) {
        const [candle] = await exchange.getCandles(symbol, "1m", new Date(t), 1);
        const real = base[entry.baseSymbol]!.get(t - entry.shiftMs)!;
        expect(real).toBeDefined();
        expect(candle).toEqual({ ...real, timestamp: t });
      }
    }
  });

  it("serves all 100 portfolio symbols gap-free and valid over the whole load of the 30-day frame", async () => {
    const { exchange, symbols, startDate, endDate } = createShiftedPortfolio();
    expect(symbols).toHaveLength(100);
    expect(symbols.at(-1)).toBe("ETHUSDT+49d");
    // What a backtest of the frame loads: a day of warm-up, the frame, and a tail of about a day.
    const from = startDate.getTime() - DAY;
    const to = endDate.getTime() + 2 * DAY;
    const expected = (to - from) / MINUTE;
    const problem = (message: string) => new Error(message);
    for (const symbol of symbols) {
      const candles = await candlesOf(exchange, symbol, from, to);
      expect(candles.length, symbol).toBe(expected);
      expect(candles[0]!.timestamp).toBe(from);
      for (let i = 1; i < candles.length; i++) {
        if (candles[i]!.timestamp - candles[i - 1]!.timestamp !== MINUTE) {
          throw new Error(`${symbol}: gap after ${new Date(candles[i - 1]!.timestamp).toISOString()}`);
        }
      }
      // The core's one rule for candles (sane OHLC, aligned, increasing): nothing dropped, nothing thrown.
      expect(checkCandles(candles, MINUTE, problem)).toHaveLength(expected);
    }
  });

  it("two symbols of one base differ by exactly their shift", async () => {
    const { exchange } = createShiftedPortfolio();
    const t = Date.UTC(2025, 6, 20, 8, 0);
    const later = await exchange.getCandles("ETHUSDT+10d", "1m", new Date(t), 60);
    const earlier = await exchange.getCandles("ETHUSDT+3d", "1m", new Date(t - 7 * DAY), 60);
    expect(later.map((c) => c.close)).toEqual(earlier.map((c) => c.close));
    expect(later[0]!.timestamp - earlier[0]!.timestamp).toBe(7 * DAY);
  });

  it("rolls longer intervals up from the shifted 1m candles", async () => {
    const { exchange } = createShiftedPortfolio();
    const hour = Date.UTC(2025, 6, 15, 9, 0);
    const [candle] = await exchange.getCandles("BTCUSDT+5d", "1h", new Date(hour), 1);
    const minutes = Array.from({ length: 60 }, (_, m) => base.BTCUSDT!.get(hour - 5 * DAY + m * MINUTE)!);
    let volume = 0;
    for (const m of minutes) volume += m.volume;
    expect(candle).toEqual({
      timestamp: hour,
      open: minutes[0]!.open,
      high: Math.max(...minutes.map((m) => m.high)),
      low: Math.min(...minutes.map((m) => m.low)),
      close: minutes[59]!.close,
      volume,
    });
  });

  it("a backtest of the most shifted symbol sees its shifted real candles through getCandles", async () => {
    const { exchange } = createShiftedPortfolio();
    const engine = createEngine();
    const seen: Candle[] = [];
    engine.addExchange(exchange);
    engine.addFrame({
      frameName: "hour",
      interval: "1m",
      startDate: new Date("2025-07-10T00:00:00Z"),
      endDate: new Date("2025-07-10T01:00:00Z"),
    });
    engine.addStrategy({
      strategyName: "look",
      interval: "15m",
      async getSignal(symbol): Promise<SignalDto | null> {
        seen.push(...(await getCandles(symbol, "1m", 2)));
        return null;
      },
    });
    for await (const _ of engine.Backtest.run("ETHUSDT+49d", {
      strategyName: "look",
      exchangeName: "shifted-portfolio",
      frameName: "hour",
    })) {
      // no signals
    }
    await engine.dispose();
    // Ticks at :00, :15, :30, :45 see the two candles closed before them.
    const ticks = [0, 15, 30, 45].map((m) => Date.UTC(2025, 6, 10, 0, m));
    expect(seen.map((c) => c.timestamp)).toEqual(ticks.flatMap((t) => [t - 2 * MINUTE, t - MINUTE]));
    for (const candle of seen) {
      expect(candle).toEqual({
        ...base.ETHUSDT!.get(candle.timestamp - 49 * DAY)!,
        timestamp: candle.timestamp,
      });
    }
  });

  it("rejects bad options and unknown symbols by name", async () => {
    const dir = SHIPPED_CANDLES_DIR;
    const make = (options: Partial<Parameters<typeof createShiftedExchange>[0]>) => () =>
      createShiftedExchange({ count: 2, dir, baseSymbols: ["BTCUSDT"], ...options });
    expect(make({ count: 0 })).toThrow(InvalidArgumentError);
    expect(make({ count: 1.5 })).toThrow('"count" is 1.5; expected a whole number >= 1');
    expect(make({ baseSymbols: [] })).toThrow('"baseSymbols"');
    expect(make({ shiftDays: 0.5 })).toThrow('"shiftDays" is 0.5; expected a whole number of days >= 1');
    expect(() => createShiftedPortfolio(101)).toThrow('"count" is 101; expected a whole number in 1..100');
    const exchange = make({})();
    await expect(exchange.getCandles("BTCUSDT+9d", "1m", new Date(0), 1)).rejects.toThrow(
      "unknown symbol BTCUSDT+9d: expected one of the 2 symbols made here (BTCUSDT, BTCUSDT+1d)",
    );
    await expect(
      make({ baseSymbols: ["NOPEUSDT"] })().getCandles("NOPEUSDT", "1m", new Date(0), 1),
    ).rejects.toThrow(ExchangeError);
  });
});
