import { SignalValidationError } from "../../errors/signal-validation-error.js";
import type { ExchangeSchema } from "../../spec/exchange.js";
import { isThenable } from "../settle-within.js";
import type { ValidSignal } from "../validate-signal.js";

/**
 * Rounds a validated signal's take-profit, stop-loss and (for a limit entry) entry price to the market's price
 * precision with the exchange's `formatPrice`, as the venue would take them as orders. Synchronous when the
 * exchange answers synchronously (or has no formatter); a promise otherwise. The bracket is checked again after
 * rounding: a level that rounded onto the entry or past it is refused, with the values.
 */
export function formatSignalPrices(
  exchange: ExchangeSchema,
  strategyName: string,
  symbol: string,
  valid: ValidSignal,
): ValidSignal | Promise<ValidSignal> {
  const format = exchange.formatPrice;
  if (format === undefined) return valid;
  const tp = format.call(exchange, symbol, valid.priceTakeProfit);
  const sl = format.call(exchange, symbol, valid.priceStopLoss);
  const open = valid.scheduled ? format.call(exchange, symbol, valid.priceOpen) : String(valid.priceOpen);
  if (isThenable(tp) || isThenable(sl) || isThenable(open)) {
    return Promise.all([tp, sl, open]).then(([t, s, o]) => rounded(valid, t, s, o, strategyName, symbol));
  }
  return rounded(valid, tp, sl, open, strategyName, symbol);
}

function rounded(
  valid: ValidSignal,
  tpText: string,
  slText: string,
  openText: string,
  strategyName: string,
  symbol: string,
): ValidSignal {
  const priceTakeProfit = parsed(tpText, "priceTakeProfit", valid.priceTakeProfit, strategyName, symbol);
  const priceStopLoss = parsed(slText, "priceStopLoss", valid.priceStopLoss, strategyName, symbol);
  const priceOpen = valid.scheduled
    ? parsed(openText, "priceOpen", valid.priceOpen, strategyName, symbol)
    : valid.priceOpen;
  if (
    priceTakeProfit === valid.priceTakeProfit &&
    priceStopLoss === valid.priceStopLoss &&
    priceOpen === valid.priceOpen
  ) {
    return valid;
  }
  const long = valid.position === "long";
  const ordered = long
    ? priceTakeProfit > priceOpen && priceOpen > priceStopLoss
    : priceTakeProfit < priceOpen && priceOpen < priceStopLoss;
  if (!ordered) {
    throw new SignalValidationError(
      strategyName,
      symbol,
      "priceTakeProfit",
      `at the market's price precision the ${valid.position} bracket is take-profit ${priceTakeProfit}, entry ${priceOpen}, stop-loss ${priceStopLoss}; expected ${long ? "take-profit > entry > stop-loss" : "take-profit < entry < stop-loss"} (widen the levels)`,
    );
  }
  return { ...valid, priceTakeProfit, priceStopLoss, priceOpen };
}

function parsed(text: string, field: string, raw: number, strategyName: string, symbol: string): number {
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0) {
    throw new SignalValidationError(
      strategyName,
      symbol,
      field,
      `"${field}" is ${raw} (formatPrice gave ${JSON.stringify(text)}); expected a price > 0 at the market's precision`,
    );
  }
  return value;
}
