import { MINUTE_MS } from "../../candles/interval.js";
import type { CandleColumns, SignalDto } from "@candlewick/core";

/**
 * A deliberately naive re-statement of backtest-kit 19.5's backtest loop (the rules of
 * architecture/semantics.md, "backtest-kit model"), for cross-checking the engine on data with limit entries,
 * which the reference trades lack. It shares no code with the engine: one plain loop over the frame's ticks, a
 * fresh 5-candle VWAP per candle, no fast-forward, no typed-array scans, no config.
 */
export type NaiveOutcome =
  | {
      readonly kind: "closed";
      readonly position: string;
      readonly priceOpen: number;
      readonly pendingAt: number;
      readonly reason: string;
      readonly priceClose: number;
      readonly closeTimestamp: number;
    }
  | {
      readonly kind: "cancelled";
      readonly position: string;
      readonly priceOpen: number;
      readonly reason: string;
      readonly closeTimestamp: number;
    };

const MINUTE = MINUTE_MS;
const WAIT_MINUTES = 120;

export function naiveBacktestKitLoop(
  candles: CandleColumns,
  frame: { start: number; lastTick: number; stepMinutes: number },
  strategyIntervalMinutes: number,
  decide: (when: number, price: number) => SignalDto | null,
): NaiveOutcome[] {
  const { timestamp: T, high: H, low: L, close: C, volume: V } = candles;
  const indexOf = (time: number) => (time - T[0]!) / MINUTE;
  const vwap = (end: number) => {
    let weighted = 0;
    let volume = 0;
    let closes = 0;
    for (let i = end - 5; i < end; i++) {
      weighted += ((H[i]! + L[i]! + C[i]!) / 3) * V[i]!;
      volume += V[i]!;
      closes += C[i]!;
    }
    return volume > 0 ? weighted / volume : closes / 5;
  };
  const out: NaiveOutcome[] = [];
  let lastAskedBucket = Number.NaN;
  for (let when = frame.start; when <= frame.lastTick; ) {
    const bucket = Math.floor(when / (strategyIntervalMinutes * MINUTE));
    if (bucket === lastAskedBucket) {
      when += frame.stepMinutes * MINUTE;
      continue;
    }
    lastAskedBucket = bucket;
    const price = vwap(indexOf(when));
    const dto = decide(when, price);
    if (dto === null) {
      when += frame.stepMinutes * MINUTE;
      continue;
    }
    const long = dto.position === "long";
    const tp = dto.priceTakeProfit;
    const sl = dto.priceStopLoss;
    const life = dto.minuteEstimatedTime!;
    const judge = (priceOpen: number, pendingAt: number, first: number): NaiveOutcome => {
      for (let i = first; ; i++) {
        const ts = T[i]!;
        const average = vwap(i + 1);
        const close = (reason: string, priceClose: number): NaiveOutcome => ({
          kind: "closed",
          position: dto.position,
          priceOpen,
          pendingAt,
          reason,
          priceClose,
          closeTimestamp: ts,
        });
        if (ts > frame.lastTick || ts - pendingAt >= life * MINUTE) return close("time_expired", average);
        if (long ? L[i]! <= sl : H[i]! >= sl) return close("stop_loss", sl);
        if (long ? average >= tp : average <= tp) return close("take_profit", tp);
      }
    };
    let outcome: NaiveOutcome;
    const limit = dto.priceOpen;
    if (limit === undefined || (long ? price <= limit : price >= limit)) {
      outcome = judge(limit ?? price, when, indexOf(when));
    } else {
      outcome = { kind: "cancelled", position: dto.position, priceOpen: limit, reason: "?", closeTimestamp: 0 };
      for (let i = indexOf(when); ; i++) {
        const ts = T[i]!;
        const cancel = (reason: string): NaiveOutcome => ({
          kind: "cancelled",
          position: dto.position,
          priceOpen: limit,
          reason,
          closeTimestamp: ts,
        });
        if (ts > frame.lastTick || ts - when >= WAIT_MINUTES * MINUTE) {
          outcome = cancel("timeout");
          break;
        }
        if (long ? L[i]! <= sl : H[i]! >= sl) {
          outcome = cancel("price_reject");
          break;
        }
        if (long ? L[i]! <= limit : H[i]! >= limit) {
          outcome = judge(limit, ts, i + 1);
          break;
        }
      }
    }
    out.push(outcome);
    // the next tick strictly after the close
    while (when <= outcome.closeTimestamp) when += frame.stepMinutes * MINUTE;
  }
  return out;
}
