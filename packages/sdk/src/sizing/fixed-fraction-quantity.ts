import { InvalidArgumentError } from "@candlewick/core";

/**
 * Fixed-fraction sizing: spend `fractionPct` percent of `equity` at `price`.
 * quantity = equity × fractionPct / 100 / price.
 *
 * @example fixedFractionQuantity({ equity: 10_000, fractionPct: 10, price: 50_000 }) === 0.02
 * @throws InvalidArgumentError naming the bad option.
 */
export function fixedFractionQuantity(options: {
  equity: number;
  fractionPct: number;
  price: number;
}): number {
  const component = "fixedFractionQuantity";
  const { equity, fractionPct, price } = options ?? {};
  if (typeof equity !== "number" || !Number.isFinite(equity) || equity <= 0) {
    throw new InvalidArgumentError(component, "equity", equity, "a finite amount > 0");
  }
  if (typeof fractionPct !== "number" || !(fractionPct > 0 && fractionPct <= 100)) {
    throw new InvalidArgumentError(component, "fractionPct", fractionPct, "a percentage in (0, 100]");
  }
  if (typeof price !== "number" || !Number.isFinite(price) || price <= 0) {
    throw new InvalidArgumentError(component, "price", price, "a finite price > 0");
  }
  return (equity * fractionPct) / 100 / price;
}
