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
  // Loops and module-level helpers, no closures: this runs once per signal.
  const format = exchange.formatQuantity;
  if (format === undefined) {
    const out: number[] = [];
    for (const q of quantities) out.push(checked(q, q, strategyName, symbol));
    return out;
  }
  const answers: (string | PromiseLike<string>)[] = [];
  let pending = false;
  for (const q of quantities) {
    const answer = format.call(exchange, symbol, q);
    if (!pending && isThenable(answer)) pending = true;
    answers.push(answer);
  }
  if (pending) return Promise.all(answers).then((texts) => parsed(texts, quantities, strategyName, symbol));
  return parsed(answers as string[], quantities, strategyName, symbol);
}

function parsed(
  texts: readonly string[],
  quantities: readonly number[],
  strategyName: string,
  symbol: string,
): number[] {
  const out: number[] = [];
  for (let i = 0; i < texts.length; i++) {
    out.push(checked(Number(texts[i]), quantities[i]!, strategyName, symbol, texts[i]));
  }
  return out;
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
