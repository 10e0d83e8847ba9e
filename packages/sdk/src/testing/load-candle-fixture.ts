import { type Candle, createCsvExchange, type ExchangeSchema, InvalidArgumentError } from "@candlewick/core";
import { candleFixtureDir } from "./candle-fixture-dir.js";

let fixtures: ExchangeSchema | undefined;

/** Symbols with a shipped fixture. */
export const FIXTURE_SYMBOLS = ["BTCUSDT", "ETHUSDT"] as const;

/** First and last open time (exclusive end) covered by the fixtures: 2025-06-01 → 2025-06-11 UTC. */
export const FIXTURE_RANGE = {
  from: new Date("2025-06-01T00:00:00Z"),
  to: new Date("2025-06-11T00:00:00Z"),
} as const;

/**
 * Real Binance spot 1m candles shipped with the sdk (10 days of BTCUSDT and ETHUSDT, June 2025), whose open time
 * is in `[from, to)`, oldest first. Defaults to the whole fixture.
 *
 * @example const candles = await loadCandleFixture("BTCUSDT", { from: new Date("2025-06-02"), to: new Date("2025-06-05") });
 * @throws InvalidArgumentError for an unknown symbol or a range outside the fixture.
 */
export async function loadCandleFixture(
  symbol: (typeof FIXTURE_SYMBOLS)[number],
  range: { from?: Date; to?: Date } = {},
): Promise<Candle[]> {
  const component = "loadCandleFixture";
  if (!FIXTURE_SYMBOLS.includes(symbol)) {
    throw new InvalidArgumentError(component, "symbol", symbol, `one of ${FIXTURE_SYMBOLS.join(", ")}`);
  }
  const from = range.from ?? FIXTURE_RANGE.from;
  const to = range.to ?? FIXTURE_RANGE.to;
  for (const [field, value] of [
    ["from", from],
    ["to", to],
  ] as const) {
    if (!(value instanceof Date) || Number.isNaN(value.getTime())) {
      throw new InvalidArgumentError(component, field, value, "a valid Date");
    }
  }
  if (from.getTime() >= to.getTime() || to <= FIXTURE_RANGE.from || from >= FIXTURE_RANGE.to) {
    throw new InvalidArgumentError(
      component,
      "to",
      to,
      `a range overlapping ${FIXTURE_RANGE.from.toISOString()} .. ${FIXTURE_RANGE.to.toISOString()} with from < to`,
    );
  }
  // Files are read once per process, on first use.
  fixtures ??= createCsvExchange({ exchangeName: "sdk-fixture", dir: candleFixtureDir() });
  const candles = await fixtures.getCandles(symbol, "1m", from, 20_000);
  return candles.filter((candle) => candle.timestamp < to.getTime());
}
