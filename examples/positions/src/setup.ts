import { fileURLToPath } from "node:url";
import {
  addExchange,
  addFrame,
  addStrategy,
  Backtest,
  type ClosedResult,
  createCsvExchange,
  getCandles,
  getMarketPrice,
  listenError,
  type SignalDto,
  type SignalPosition,
  type StrategySchema,
} from "candlewick";

/** What every example trades: BTCUSDT over the first two weeks of April 2026, real Binance spot 1m candles. */
export const SYMBOL = "BTCUSDT";
const EXCHANGE = "binance-files";
const FRAME = "april-1-15";

// Real Binance spot 1m candles shipped with the repo (see data/candles/README.md).
const dataDir = fileURLToPath(new URL("../../../data/candles/sets/spot-2026-03", import.meta.url));

/** Registers the offline exchange and the frame; any error a strategy reports is printed and fails the example. */
export function registerMarket(): void {
  addExchange(createCsvExchange({ exchangeName: EXCHANGE, dir: dataDir }));
  addFrame({
    frameName: FRAME,
    interval: "1m",
    startDate: new Date("2026-04-01T00:00:00Z"),
    endDate: new Date("2026-04-15T00:00:00Z"),
  });
  listenError((error) => {
    console.error(`error: ${error.message}`);
    process.exitCode = 1;
  });
}

/** A signal's bracket, in percent from the entry price, and its lifetime. */
export interface Bracket {
  readonly takeProfitPercent: number;
  readonly stopLossPercent: number;
  readonly minuteEstimatedTime: number;
}

/**
 * The entry rule every example shares, so that only the position feature differs: follow a move of more than
 * 0.2% over the last three closed hours. Levels are priced from the market price, the price the entry fills at;
 * `rules` adds the declarative position rules (ladder, trailing stop, breakeven).
 */
export async function momentumSignal(
  symbol: string,
  bracket: Bracket,
  rules: Pick<SignalDto, "takeProfitLadder" | "trailingStop" | "breakeven"> = {},
): Promise<SignalDto | null> {
  const candles = await getCandles(symbol, "1h", 4);
  if (candles.length < 4) return null;
  const change = candles[3]!.close / candles[0]!.close - 1;
  if (Math.abs(change) < 0.002) return null;
  const position: SignalPosition = change > 0 ? "long" : "short";
  const price = await getMarketPrice();
  return {
    position,
    priceTakeProfit: towardProfit(position, price, bracket.takeProfitPercent),
    priceStopLoss: towardLoss(position, price, bracket.stopLossPercent),
    minuteEstimatedTime: bracket.minuteEstimatedTime,
    ...rules,
  };
}

/** True when `markPrice` is at least `percent` % against a position entered at `averagePrice` on `side`. */
export function movedAgainst(
  side: SignalPosition,
  markPrice: number,
  averagePrice: number,
  percent: number,
): boolean {
  return side === "long"
    ? markPrice <= averagePrice * (1 - percent / 100)
    : markPrice >= averagePrice * (1 + percent / 100);
}

/** A long's level `percent` % above `price` (a short's below): the take-profit side. */
export function towardProfit(position: SignalPosition, price: number, percent: number): number {
  return position === "long" ? price * (1 + percent / 100) : price * (1 - percent / 100);
}

/** A long's level `percent` % below `price` (a short's above): the stop side. */
export function towardLoss(position: SignalPosition, price: number, percent: number): number {
  return towardProfit(position, price, -percent);
}

/** Registers `strategy` and backtests it over the frame; returns its closed trades. */
export async function backtest(strategy: StrategySchema): Promise<ClosedResult[]> {
  addStrategy(strategy);
  const trades: ClosedResult[] = [];
  for await (const result of Backtest.run(SYMBOL, {
    strategyName: strategy.strategyName,
    exchangeName: EXCHANGE,
    frameName: FRAME,
  })) {
    if (result.action === "closed") trades.push(result);
  }
  return trades;
}
