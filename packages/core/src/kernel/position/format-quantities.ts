import { SignalValidationError } from "../../errors/signal-validation-error.js";
import type { ExchangeSchema } from "../../spec/exchange.js";
import { isThenable } from "../settle-within.js";

/**
 * Passes quantities through the exchange's `formatQuantity` (the market's precision). Synchronous when the
 * exchange answers synchronously (or has no formatter); a promise otherwise. A quantity that formats to zero or
 * to something that is not a number is refused with the values involved.
 */
export function formatQuantities(
  exchange: ExchangeSchema,
  strategyName: string,
  symbol: string,
  quantities: readonly number[],
): number[] | Promise<number[]> {
  const format = exchange.formatQuantity;
  if (format === undefined) return quantities.map((q) => checked(q, q, strategyName, symbol));
  const answers = quantities.map((q) => format.call(exchange, symbol, q));
  const parse = (texts: readonly string[]) =>
    texts.map((text, i) => checked(Number(text), quantities[i]!, strategyName, symbol, text));
  if (answers.some(isThenable)) return Promise.all(answers).then(parse);
  return parse(answers as string[]);
}

function checked(value: number, raw: number, strategyName: string, symbol: string, text?: string): number {
  if (!Number.isFinite(value) || value <= 0) {
    const shown = text === undefined ? "" : ` (formatQuantity gave ${JSON.stringify(text)})`;
    throw new SignalValidationError(
      strategyName,
      symbol,
      "quantity",
      `the position size is ${raw}${shown}; expected a quantity > 0 at the market's precision (raise cost, quantity or the sizing)`,
    );
  }
  return value;
}
