/**
 * Test helpers for the live loop: a hand-written market served through a replay, under fresh registry names,
 * and recorders of what the event streams delivered. Used by this folder's tests only.
 */
import {
  addExchange,
  addStrategy,
  type Candle,
  createMemoryPersist,
  createReplay,
  type DoneEvent,
  type ExchangeSchema,
  getCandles,
  type LiveState,
  listenDoneLive,
  listenError,
  listenSignalLive,
  liveStateKey,
  type PersistAdapter,
  type Replay,
  type SignalDto,
  type SignalEvent,
} from "@candlewick/core";
import { at, bars, createMemoryExchange, flat, uniqueName } from "../testing/memory-exchange.js";
import { expectedPnl } from "../testing/scenario.js";

export { at, expectedPnl };

/**
 * The market of most live tests, around T0 = 2024-01-01T10:00Z: flat at 100 from T0−30m to T0+4m, the 10:05
 * candle reaches 101.5 (a long's take-profit at 101 fills at 101, decided at 10:06), then flat at 101.
 */
export function takeProfitMarket(): Candle[] {
  return [...flat(at(-30), 35, 100), ...bars(at(5), [[100, 101.5, 100, 101]]), ...flat(at(6), 120, 101)];
}

/** A long market entry 1% under / over the last close, 60 minutes: asked at every call, so it trades again and again. */
export async function alwaysLong(symbol: string): Promise<SignalDto> {
  const [last] = await getCandles(symbol, "1m", 1);
  const price = last!.close;
  return {
    position: "long",
    priceTakeProfit: price * 1.01,
    priceStopLoss: price * 0.99,
    minuteEstimatedTime: 60,
  };
}

/**
 * A deterministic zig-zag around 100 from T0−60m, `count` 1m candles, its phase set by `seed`: positions open and
 * close all the time.
 */
export function zigzag(seed: number, count: number): Candle[] {
  return Array.from({ length: count }, (_, i) => {
    const price = 100 + 2 * Math.sin((i + seed * 7) / 9);
    return {
      timestamp: at(-60 + i),
      open: price,
      high: price * 1.004,
      low: price * 0.996,
      close: price,
      volume: 1,
    };
  });
}

export interface LiveMarket {
  readonly strategyName: string;
  readonly exchangeName: string;
  readonly replay: Replay;
  readonly persist: PersistAdapter;
  /** Every time `getSignal` ran (virtual epoch ms), per symbol. */
  readonly asked: Map<string, number[]>;
}

export interface LiveMarketOptions {
  readonly label: string;
  /** 1m candles per symbol. */
  readonly candles: Readonly<Record<string, readonly Candle[]>>;
  readonly start: number;
  readonly end: number;
  readonly getSignal: (symbol: string, when: Date) => SignalDto | null | Promise<SignalDto | null>;
  /** Wraps the replayed source, e.g. to make it fail. */
  readonly wrapSource?: (source: ExchangeSchema) => ExchangeSchema;
  /** `createReplay`'s `prefetch`. Default false. */
  readonly prefetch?: boolean;
}

/** Registers a replay of hand-written candles and a strategy under fresh names, with an in-memory store. */
export function registerLiveMarket(options: LiveMarketOptions): LiveMarket {
  const strategyName = uniqueName(`${options.label}-strategy`);
  const exchangeName = uniqueName(`${options.label}-exchange`);
  const memory = createMemoryExchange(`${exchangeName}-source`, options.candles);
  const replay = createReplay({
    source: options.wrapSource ? options.wrapSource(memory) : memory,
    exchangeName,
    startDate: new Date(options.start),
    endDate: new Date(options.end),
    prefetch: options.prefetch ?? false,
  });
  addExchange(replay.exchange);
  const asked = new Map<string, number[]>();
  addStrategy({
    strategyName,
    interval: "1m",
    getSignal: (symbol, when) => {
      asked.set(symbol, [...(asked.get(symbol) ?? []), when.getTime()]);
      return options.getSignal(symbol, when);
    },
  });
  return { strategyName, exchangeName, replay, persist: createMemoryPersist(), asked };
}

/** What the live streams delivered for one strategy, in order, with the virtual time of each. */
export interface Recorder {
  readonly events: SignalEvent[];
  readonly done: DoneEvent[];
  readonly errors: Error[];
  /** `opened@<ms>`, `closed@<ms>`, `done@<virtual now>`... in delivery order. */
  readonly timeline: string[];
  /** Resolves with the first done event of `symbol`. */
  doneOf(symbol: string): Promise<DoneEvent>;
  stop(): void;
}

export function record(market: LiveMarket): Recorder {
  const events: SignalEvent[] = [];
  const done: DoneEvent[] = [];
  const errors: Error[] = [];
  const timeline: string[] = [];
  const waiting: { symbol: string; resolve: (event: DoneEvent) => void }[] = [];
  const stops = [
    listenSignalLive((event) => {
      if (event.strategyName !== market.strategyName) return;
      events.push(event);
      timeline.push(`${event.symbol}:${event.action}@${event.timestamp}`);
    }),
    listenDoneLive((event) => {
      if (event.strategyName !== market.strategyName) return;
      done.push(event);
      timeline.push(`${event.symbol}:done@${market.replay.clock.now()}`);
      for (const waiter of waiting.filter((w) => w.symbol === event.symbol)) waiter.resolve(event);
    }),
    listenError((error) => {
      errors.push(error);
    }),
  ];
  return {
    events,
    done,
    errors,
    timeline,
    doneOf(symbol) {
      const already = done.find((event) => event.symbol === symbol);
      if (already) return Promise.resolve(already);
      return new Promise((resolve) => waiting.push({ symbol, resolve }));
    },
    stop() {
      for (const stop of stops) stop();
    },
  };
}

/** The live state persisted for (strategy, symbol), or null. */
export async function storedState(market: LiveMarket, symbol: string): Promise<LiveState | null> {
  const value = await market.persist.read(liveStateKey({ strategyName: market.strategyName, symbol }));
  return value as unknown as LiveState | null;
}
