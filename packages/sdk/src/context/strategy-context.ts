import {
  type Candle,
  type CandleColumns,
  type CandleInterval,
  getAveragePrice,
  getCandleColumns,
  getCandles,
  getContext,
  getMarketPrice,
} from "@candlewick/core";
import { runStreams } from "../indicators/run-streams.js";
import { StreamingIndicators } from "../indicators/streaming-indicators.js";
import { runKey } from "./run-key.js";

/**
 * What a `defineStrategy` strategy's `getSignal` receives: the symbol and time it runs for, the mode, market
 * data of that symbol as of that time (closed candles only: no look-ahead), and streaming indicators.
 */
export interface StrategyContext {
  readonly symbol: string;
  /** Current execution time (virtual in backtests). */
  readonly when: Date;
  readonly mode: "backtest" | "live";
  /** The registered name, e.g. `"sma-cross:fast=10,slow=30"`. */
  readonly strategyName: string;
  /** The last `limit` closed candles of this symbol at `interval`, oldest first. */
  candles(interval: CandleInterval, limit: number): Promise<Candle[]>;
  /** The same as zero-copy typed-array columns. Read them right away: do not keep them across awaits. */
  columns(interval: CandleInterval, limit: number): Promise<CandleColumns>;
  /** VWAP of the last closed 1m candles (core's `getAveragePrice`). */
  averagePrice(): Promise<number>;
  /**
   * The price a market entry placed now fills at, and the one signal validation measures take-profit and
   * stop-loss distances from (core's `getMarketPrice`): price `bracket` levels from it.
   */
  marketPrice(): Promise<number>;
  /** Indicators over this symbol's closed candles, fed incrementally (see {@link StreamingIndicators}). */
  readonly indicators: StreamingIndicators;
}

/** The context of one `getSignal` call. Cheap: indicator state is looked up only when first used. */
export class CallContext implements StrategyContext {
  readonly when: Date;
  readonly mode: "backtest" | "live";
  readonly strategyName: string;
  private readonly info: ReturnType<typeof getContext>;
  private streaming: StreamingIndicators | undefined;

  constructor(
    readonly symbol: string,
    private readonly interval: CandleInterval,
  ) {
    this.info = getContext();
    this.when = this.info.when;
    this.mode = this.info.backtest ? "backtest" : "live";
    this.strategyName = this.info.strategyName;
  }

  candles(interval: CandleInterval, limit: number): Promise<Candle[]> {
    return getCandles(this.symbol, interval, limit);
  }

  columns(interval: CandleInterval, limit: number): Promise<CandleColumns> {
    return getCandleColumns(this.symbol, interval, limit);
  }

  averagePrice(): Promise<number> {
    return getAveragePrice(this.symbol);
  }

  marketPrice(): Promise<number> {
    return getMarketPrice();
  }

  get indicators(): StreamingIndicators {
    if (this.streaming === undefined) {
      const when = this.when.getTime();
      this.streaming = new StreamingIndicators(
        this.symbol,
        when,
        this.interval,
        runStreams(runKey(this.info), when),
      );
    }
    return this.streaming;
  }
}
