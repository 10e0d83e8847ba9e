import { InvalidArgumentError, type SignalDto, type SignalPosition } from "@candlewick/core";

/** Options of {@link bracket}. */
export interface BracketOptions {
  readonly position: SignalPosition;
  /**
   * Reference price the levels are computed from. For a market entry, core's `await getMarketPrice()`: the
   * price the entry fills at and the one validation measures distances from (architecture/semantics.md, "The
   * market price"). For `entry: "limit"`, the limit price.
   */
  readonly price: number;
  /** Take-profit distance from `price`, in percent (2 = 2%). */
  readonly takeProfitPct: number;
  /** Stop-loss distance from `price`, in percent. Below 100 for a long. */
  readonly stopLossPct: number;
  /** Lifetime in minutes from activation. Default: the engine's `defaultSignalLifetimeMinutes`. */
  readonly minuteEstimatedTime?: number;
  /**
   * `"market"` (default): enter now at the market price, levels computed from `price`. `"limit"`: a scheduled
   * entry at `price` (`priceOpen`), opened when the market reaches it.
   */
  readonly entry?: "market" | "limit";
  readonly note?: string;
}

const COMPONENT = "bracket";

function positive(field: string, value: unknown): number {
  if (typeof value !== "number" || !Number.isFinite(value) || value <= 0) {
    throw new InvalidArgumentError(COMPONENT, field, value, "a finite number > 0");
  }
  return value;
}

/**
 * A signal with a take-profit and a stop-loss at fixed percentages of `price`:
 * long: TP = price × (1 + tp/100), SL = price × (1 − sl/100); short: TP = price × (1 − tp/100),
 * SL = price × (1 + sl/100).
 *
 * @example bracket({ position: "long", price: 100, takeProfitPct: 2, stopLossPct: 1 })
 *   // → { position: "long", priceTakeProfit: 102, priceStopLoss: 99 }
 * @throws InvalidArgumentError naming the bad option.
 */
export function bracket(options: BracketOptions): SignalDto {
  if (options === null || typeof options !== "object") {
    throw new InvalidArgumentError(COMPONENT, "(options)", options, "an options object");
  }
  const { position, minuteEstimatedTime, entry = "market", note } = options;
  if (position !== "long" && position !== "short") {
    throw new InvalidArgumentError(COMPONENT, "position", position, '"long" or "short"');
  }
  const price = positive("price", options.price);
  const tp = positive("takeProfitPct", options.takeProfitPct);
  const sl = positive("stopLossPct", options.stopLossPct);
  if (position === "long" && sl >= 100) {
    throw new InvalidArgumentError(COMPONENT, "stopLossPct", sl, "less than 100 for a long");
  }
  if (position === "short" && tp >= 100) {
    throw new InvalidArgumentError(COMPONENT, "takeProfitPct", tp, "less than 100 for a short");
  }
  if (
    minuteEstimatedTime !== undefined &&
    (!Number.isInteger(minuteEstimatedTime) || minuteEstimatedTime <= 0)
  ) {
    throw new InvalidArgumentError(
      COMPONENT,
      "minuteEstimatedTime",
      minuteEstimatedTime,
      "a whole number > 0",
    );
  }
  if (entry !== "market" && entry !== "limit") {
    throw new InvalidArgumentError(COMPONENT, "entry", entry, '"market" or "limit"');
  }
  const sign = position === "long" ? 1 : -1;
  return {
    position,
    priceTakeProfit: price * (1 + (sign * tp) / 100),
    priceStopLoss: price * (1 - (sign * sl) / 100),
    ...(minuteEstimatedTime === undefined ? {} : { minuteEstimatedTime }),
    ...(entry === "limit" ? { priceOpen: price } : {}),
    ...(note === undefined ? {} : { note }),
  };
}
