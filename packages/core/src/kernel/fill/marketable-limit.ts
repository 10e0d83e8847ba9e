import { SignalValidationError } from "../../errors/signal-validation-error.js";
import type { ValidSignal } from "../validate-signal.js";

/**
 * Under `marketableLimitPrice: "limit"`: the price a signal whose limit the market has already reached is validated
 * and opened at — its own `priceOpen` — or undefined when there is no such limit (a market signal, a limit not yet
 * reached, or a malformed one, which validation then reports).
 */
export function reachedLimitPrice(dto: unknown, marketPrice: number): number | undefined {
  if (dto === null || typeof dto !== "object") return undefined;
  const { position, priceOpen } = dto as { position?: unknown; priceOpen?: unknown };
  if (typeof priceOpen !== "number" || !Number.isFinite(priceOpen) || priceOpen <= 0) return undefined;
  if (position === "long") return marketPrice <= priceOpen ? priceOpen : undefined;
  if (position === "short") return marketPrice >= priceOpen ? priceOpen : undefined;
  return undefined;
}

/**
 * A limit opened at its own price must still see the market between its stop and take-profit: a market already
 * beyond the stop would be stopped out by the fill itself.
 * @throws SignalValidationError naming the stop-loss and both prices.
 */
export function assertMarketInsideBracket(
  valid: ValidSignal,
  marketPrice: number,
  strategyName: string,
  symbol: string,
): void {
  const isLong = valid.position === "long";
  const inside = isLong
    ? marketPrice > valid.priceStopLoss && marketPrice < valid.priceTakeProfit
    : marketPrice < valid.priceStopLoss && marketPrice > valid.priceTakeProfit;
  if (!inside) {
    throw new SignalValidationError(
      strategyName,
      symbol,
      "priceStopLoss",
      `${valid.position}: the market price (${marketPrice}) must lie strictly between priceStopLoss (${valid.priceStopLoss}) and priceTakeProfit (${valid.priceTakeProfit}) for a limit that opens at once at priceOpen (${valid.priceOpen}, marketableLimitPrice "limit")`,
    );
  }
}
