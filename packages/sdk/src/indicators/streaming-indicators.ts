import {
  type CandleColumns,
  type CandleInterval,
  getCandleColumns,
  INTERVAL_MS,
  InvalidArgumentError,
  intervalToMs,
} from "@candlewick/core";
import { type BandsValue, indicator, type MacdValue, type StochasticValue } from "./indicator.js";
import type { IndicatorRecipe } from "./indicator-recipe.js";
import { IndicatorStream, STREAM_HISTORY } from "./indicator-stream.js";
import { checkPriceSource, type PriceSource } from "./price-source.js";
import type { RunStreams } from "./run-streams.js";

/** Where and how a streamed indicator reads candles. */
export interface StreamOptions {
  /** Candle interval the indicator runs on. Default: the strategy's `interval`. */
  readonly interval?: CandleInterval;
  /** Which price feeds single-input indicators. Default `"close"`. Ignored by candle-based ones (ATR, ADX, stochastic). */
  readonly source?: PriceSource;
  /**
   * Closed candles fed on the stream's first use in a run, before the current one. Default
   * `max(100, 10 × required inputs)`, at most 5000: enough for exponential averages to forget their seed.
   */
  readonly warmup?: number;
  /** 0 (default): the value after the latest closed candle; 1: the one before it; up to 31. */
  readonly offset?: number;
}

const MAX_WARMUP = 5000;

/**
 * `ctx.indicators`: indicators computed incrementally over the run's closed candles. Each distinct indicator
 * (recipe key, interval, price source, warm-up) is one stream per run and symbol: on its first use it is fed
 * the last `warmup` closed candles; on every later call only the candles that closed since the previous call.
 * So a strategy calling `await ctx.indicators.ema(50)` every minute for a year does one addition per minute,
 * not fifty. Values are `null` while an indicator is not stable yet (fewer candles than it needs).
 */
export class StreamingIndicators {
  private windows: Map<CandleInterval, { limit: number; columns: Promise<CandleColumns> }> | undefined;

  constructor(
    private readonly symbol: string,
    private readonly when: number,
    private readonly interval: CandleInterval,
    private readonly state: RunStreams,
  ) {}

  /** Simple moving average of the last `period` prices. */
  sma(period: number, options?: StreamOptions): Promise<number | null> {
    return (
      this.periodic("sma", period, options) ??
      this.keyed(`sma(${period})`, () => indicator.sma(period), options, { shortcut: "sma", period })
    );
  }

  /** Exponential moving average, smoothing 2 / (period + 1). */
  ema(period: number, options?: StreamOptions): Promise<number | null> {
    return (
      this.periodic("ema", period, options) ??
      this.keyed(`ema(${period})`, () => indicator.ema(period), options, { shortcut: "ema", period })
    );
  }

  /** Relative strength index (Wilder), 0..100. */
  rsi(period: number, options?: StreamOptions): Promise<number | null> {
    return (
      this.periodic("rsi", period, options) ??
      this.keyed(`rsi(${period})`, () => indicator.rsi(period), options, { shortcut: "rsi", period })
    );
  }

  /** MACD: EMA(fast) − EMA(slow), its EMA(signal) and the histogram. */
  macd(
    config: { fast: number; slow: number; signal: number },
    options?: StreamOptions,
  ): Promise<MacdValue | null> {
    return this.keyed(
      `macd(${config?.fast},${config?.slow},${config?.signal})`,
      () => indicator.macd(config),
      options,
    );
  }

  /** Bollinger Bands: SMA(period) ± deviation × standard deviation (default 2). */
  bollingerBands(period: number, deviation = 2, options?: StreamOptions): Promise<BandsValue | null> {
    return this.keyed(
      `bollingerBands(${period},${deviation})`,
      () => indicator.bollingerBands(period, deviation),
      options,
    );
  }

  /** Average true range (Wilder), in price units. */
  atr(period: number, options?: StreamOptions): Promise<number | null> {
    return (
      this.periodic("atr", period, options) ??
      this.keyed(`atr(${period})`, () => indicator.atr(period), options, { shortcut: "atr", period })
    );
  }

  /** Average directional index, 0..100. */
  adx(period: number, options?: StreamOptions): Promise<number | null> {
    return (
      this.periodic("adx", period, options) ??
      this.keyed(`adx(${period})`, () => indicator.adx(period), options, { shortcut: "adx", period })
    );
  }

  /** Stochastic oscillator %K / %D, 0..100. */
  stochastic(
    config: { k: number; kSlowing: number; d: number },
    options?: StreamOptions,
  ): Promise<StochasticValue | null> {
    return this.keyed(
      `stochastic(${config?.k},${config?.kSlowing},${config?.d})`,
      () => indicator.stochastic(config),
      options,
    );
  }

  /** Streams any recipe: one from `indicator`, or your own from `defineIndicator`. */
  stream<Result>(recipe: IndicatorRecipe<Result>, options?: StreamOptions): Promise<Result | null> {
    if (recipe === null || typeof recipe !== "object" || typeof recipe.create !== "function") {
      throw new InvalidArgumentError("ctx.indicators.stream", "recipe", recipe, "an indicator recipe");
    }
    return this.keyed(recipe.key, () => recipe, options);
  }

  /**
   * The stream of a one-period shortcut (`sma(20)`...) already made in this run with the default interval,
   * source and warm-up, read without building its string key (the usual call, once per interval of a run);
   * undefined when there is none yet or the options ask for another stream.
   */
  private periodic(
    shortcut: string,
    period: number,
    options: StreamOptions | undefined,
  ): Promise<number | null> | undefined {
    if (
      options !== undefined &&
      (options.interval !== undefined || options.source !== undefined || options.warmup !== undefined)
    ) {
      return undefined;
    }
    const stream = this.state.byPeriod.get(shortcut)?.get(period) as IndicatorStream<number> | undefined;
    // The default interval is the strategy's: a stream made on another one is not this call's.
    if (stream === undefined || stream.interval !== this.interval) return undefined;
    return this.read(stream, options?.offset ?? 0);
  }

  private keyed<Result>(
    recipeKey: string,
    recipe: () => IndicatorRecipe<Result>,
    options: StreamOptions | undefined,
    /** A one-period shortcut's name and period: a stream with default options is also kept for `periodic`. */
    shortcut?: { readonly shortcut: string; readonly period: number },
  ): Promise<Result | null> {
    const interval = options?.interval ?? this.interval;
    const source = options?.source ?? "close";
    const warmupOption = options?.warmup;
    const key = `${recipeKey}|${interval}|${source}|${warmupOption ?? ""}`;
    let stream = this.state.streams.get(key) as IndicatorStream<Result> | undefined;
    if (stream === undefined) {
      const component = "ctx.indicators";
      intervalToMs(interval, component, "interval");
      checkPriceSource(component, source);
      const made = recipe();
      const warmup = warmupOption ?? Math.min(MAX_WARMUP, Math.max(100, 10 * made.requiredInputs));
      if (!Number.isInteger(warmup) || warmup < 1 || warmup > 1_000_000) {
        throw new InvalidArgumentError(component, "warmup", warmupOption, "a whole number from 1 to 1000000");
      }
      stream = new IndicatorStream(made, source, warmup, interval);
      this.state.streams.set(key, stream as IndicatorStream<unknown>);
    }
    const defaults =
      options === undefined ||
      (options.interval === undefined && options.source === undefined && warmupOption === undefined);
    if (shortcut !== undefined && defaults) {
      let byPeriod = this.state.byPeriod.get(shortcut.shortcut);
      if (byPeriod === undefined) {
        byPeriod = new Map();
        this.state.byPeriod.set(shortcut.shortcut, byPeriod);
      }
      byPeriod.set(shortcut.period, stream as IndicatorStream<unknown>);
    }
    return this.read(stream, options?.offset ?? 0);
  }

  /** The stream's value `offset` candles back once it has every candle closed by now (fetching what it lacks). */
  private read<Result>(stream: IndicatorStream<Result>, offset: number): Promise<Result | null> {
    if (!Number.isInteger(offset) || offset < 0 || offset >= STREAM_HISTORY) {
      throw new InvalidArgumentError(
        "ctx.indicators",
        "offset",
        offset,
        `a whole number from 0 to ${STREAM_HISTORY - 1}`,
      );
    }
    const interval = stream.interval;
    const step = INTERVAL_MS[interval];
    // Open time of the newest candle closed at `when`: the one in progress is never seen.
    const newestClosed = Math.floor(this.when / step) * step - step;
    if (stream.checkedUntil >= newestClosed) return Promise.resolve(stream.value(offset));
    const ready = stream;
    const limit =
      ready.lastTimestamp === Number.NEGATIVE_INFINITY
        ? ready.warmup
        : Math.ceil((newestClosed - ready.lastTimestamp) / step);
    return this.window(interval, limit).then((columns) => {
      ready.feed(columns);
      ready.checkedUntil = newestClosed;
      this.catchUp(interval, step, newestClosed, limit, columns);
      return ready.value(offset);
    });
  }

  /**
   * Feeds the window to the run's other streams of `interval` that it covers, so their next call this minute
   * needs no fetch and no extra promise hop (the usual case: several indicators of one strategy interval).
   */
  private catchUp(
    interval: CandleInterval,
    step: number,
    newestClosed: number,
    limit: number,
    columns: CandleColumns,
  ): void {
    for (const other of this.state.streams.values()) {
      if (other.interval !== interval || other.checkedUntil >= newestClosed) continue;
      if (other.lastTimestamp === Number.NEGATIVE_INFINITY) continue; // its warm-up needs its own window
      if (Math.ceil((newestClosed - other.lastTimestamp) / step) > limit) continue;
      other.feed(columns);
      other.checkedUntil = newestClosed;
    }
  }

  /**
   * The last `limit` closed candles at `interval`, fetched once per call and interval: streams that need no
   * more than an earlier request of this call reuse it (most calls fetch one window for all their indicators).
   */
  private window(interval: CandleInterval, limit: number): Promise<CandleColumns> {
    const cached = this.windows?.get(interval);
    if (cached !== undefined && cached.limit >= limit) return cached.columns;
    const columns = getCandleColumns(this.symbol, interval, limit);
    this.windows ??= new Map();
    this.windows.set(interval, { limit, columns });
    return columns;
  }
}
