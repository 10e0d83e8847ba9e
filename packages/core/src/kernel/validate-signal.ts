import type { CandlewickConfig } from "../config/candlewick-config.js";
import { describeValue } from "../errors/describe-value.js";
import { SignalValidationError } from "../errors/signal-validation-error.js";
import type { SignalPosition } from "../spec/signal.js";
import { roundTripCostPercent } from "./pnl.js";
import { type ValidPositionFields, validatePositionFields } from "./position/validate-position-fields.js";

/** A signal DTO that passed validation, with its entry decided. */
export interface ValidSignal extends ValidPositionFields {
  readonly position: SignalPosition;
  readonly priceTakeProfit: number;
  readonly priceStopLoss: number;
  readonly minuteEstimatedTime: number;
  /** The limit price of a scheduled entry, or the fill price of an immediate one. */
  readonly priceOpen: number;
  /** False: a market entry, or a limit the market has already reached; it opens now at `priceOpen`. */
  readonly scheduled: boolean;
  readonly note: string | undefined;
  readonly id: string | undefined;
}

/**
 * Checks what `getSignal` returned against the market price and the run's config (ARCHITECTURE §5) and decides
 * the entry. A limit (`priceOpen`) the market has already reached opens at once at the current price, which is
 * what a marketable limit order does.
 * @throws SignalValidationError naming the field and the values involved.
 */
export function validateSignal(
  dto: unknown,
  currentPrice: number,
  config: CandlewickConfig,
  strategyName: string,
  symbol: string,
): ValidSignal {
  const fail = (field: string, reason: string): never => {
    throw new SignalValidationError(strategyName, symbol, field, reason);
  };
  if (dto === null || typeof dto !== "object" || Array.isArray(dto)) {
    return fail("signal", `getSignal returned ${describeValue(dto)}; expected a signal object or null`);
  }
  const raw = dto as Record<string, unknown>;
  const position = raw.position;
  if (position !== "long" && position !== "short") {
    fail("position", `"position" is ${describeValue(position)}; expected "long" or "short"`);
  }
  const price = (field: string, optional: boolean): number | undefined => {
    const value = raw[field];
    if (value === undefined && optional) return undefined;
    if (typeof value !== "number" || !Number.isFinite(value) || value <= 0) {
      fail(field, `"${field}" is ${describeValue(value)}; expected a finite price > 0`);
    }
    return value as number;
  };
  const takeProfit = price("priceTakeProfit", false)!;
  const stopLoss = price("priceStopLoss", false)!;
  const limitPrice = price("priceOpen", true);

  const lifetime = raw.minuteEstimatedTime ?? config.defaultSignalLifetimeMinutes;
  if (typeof lifetime !== "number" || !Number.isInteger(lifetime) || lifetime <= 0) {
    fail(
      "minuteEstimatedTime",
      `"minuteEstimatedTime" is ${describeValue(lifetime)}; expected a whole number of minutes > 0`,
    );
  }
  if ((lifetime as number) > config.maxSignalLifetimeMinutes) {
    fail(
      "minuteEstimatedTime",
      `"minuteEstimatedTime" is ${lifetime}; expected at most maxSignalLifetimeMinutes (${config.maxSignalLifetimeMinutes})`,
    );
  }
  if (raw.note !== undefined && typeof raw.note !== "string") {
    fail("note", `"note" is ${describeValue(raw.note)}; expected a string`);
  }
  if (raw.id !== undefined && (typeof raw.id !== "string" || raw.id.length === 0)) {
    fail("id", `"id" is ${describeValue(raw.id)}; expected a non-empty string`);
  }

  const isLong = position === "long";
  // A limit buy at or above the market (a limit sell at or below it) fills now, at the market price.
  const reached =
    limitPrice === undefined || (isLong ? currentPrice <= limitPrice : currentPrice >= limitPrice);
  const entry = reached ? currentPrice : limitPrice;
  const entryName = reached ? `current price (${currentPrice})` : `priceOpen (${limitPrice})`;

  if (isLong ? takeProfit <= entry : takeProfit >= entry) {
    fail(
      "priceTakeProfit",
      `${position}: priceTakeProfit (${takeProfit}) must be ${isLong ? "above" : "below"} the ${entryName}`,
    );
  }
  if (isLong ? stopLoss >= entry : stopLoss <= entry) {
    fail(
      "priceStopLoss",
      `${position}: priceStopLoss (${stopLoss}) must be ${isLong ? "below" : "above"} the ${entryName}`,
    );
  }
  const minTakeProfit = Math.max(
    config.minTakeProfitDistancePercent,
    roundTripCostPercent(config.percentFee, config.percentSlippage),
  );
  const takeProfitDistance = (Math.abs(takeProfit - entry) / entry) * 100;
  if (takeProfitDistance < minTakeProfit) {
    fail(
      "priceTakeProfit",
      `priceTakeProfit (${takeProfit}) is ${round(takeProfitDistance)}% from the ${entryName}; expected at least ${round(minTakeProfit)}% (it must cover fees and slippage)`,
    );
  }
  const stopLossDistance = (Math.abs(stopLoss - entry) / entry) * 100;
  if (stopLossDistance < config.minStopLossDistancePercent) {
    fail(
      "priceStopLoss",
      `priceStopLoss (${stopLoss}) is ${round(stopLossDistance)}% from the ${entryName}; expected at least ${config.minStopLossDistancePercent}%`,
    );
  }
  if (stopLossDistance > config.maxStopLossDistancePercent) {
    fail(
      "priceStopLoss",
      `priceStopLoss (${stopLoss}) is ${round(stopLossDistance)}% from the ${entryName}; expected at most ${config.maxStopLossDistancePercent}%`,
    );
  }
  const fields = validatePositionFields(raw, takeProfitDistance, fail);
  // Named fields, not a spread: a spread followed by more properties takes V8's slow path (about 5 µs a signal).
  return {
    cost: fields.cost,
    quantity: fields.quantity,
    rules: fields.rules,
    position: position as SignalPosition,
    priceTakeProfit: takeProfit,
    priceStopLoss: stopLoss,
    minuteEstimatedTime: lifetime as number,
    priceOpen: entry,
    scheduled: !reached,
    note: raw.note as string | undefined,
    id: raw.id as string | undefined,
  };
}

function round(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}
