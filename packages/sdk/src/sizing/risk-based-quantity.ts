import { InvalidArgumentError } from "@candlewick/core";

/** Options of {@link riskBasedQuantity}. */
export interface RiskBasedQuantityOptions {
  /** Account value, in quote currency. */
  readonly equity: number;
  /** Percent of `equity` lost if the stop is hit (1 = 1%). */
  readonly riskPct: number;
  readonly entry: number;
  readonly stop: number;
  /** Cap on the position's value (quantity × entry), e.g. `equity` for no leverage. Default: no cap. */
  readonly maxNotional?: number;
}

/**
 * Risk-based sizing: the quantity that loses `riskPct` percent of `equity` when the price moves from `entry` to
 * `stop` (fees and slippage not included). quantity = equity × riskPct / 100 / |entry − stop|, then capped so
 * quantity × entry ≤ maxNotional.
 *
 * @example riskBasedQuantity({ equity: 10_000, riskPct: 1, entry: 100, stop: 95 }) === 20
 * @throws InvalidArgumentError naming the bad option (including entry = stop).
 */
export function riskBasedQuantity(options: RiskBasedQuantityOptions): number {
  const component = "riskBasedQuantity";
  const { equity, riskPct, entry, stop, maxNotional } = options ?? ({} as RiskBasedQuantityOptions);
  const positive = (field: string, value: unknown): number => {
    if (typeof value !== "number" || !Number.isFinite(value) || value <= 0) {
      throw new InvalidArgumentError(component, field, value, "a finite number > 0");
    }
    return value;
  };
  positive("equity", equity);
  positive("entry", entry);
  positive("stop", stop);
  if (typeof riskPct !== "number" || !(riskPct > 0 && riskPct <= 100)) {
    throw new InvalidArgumentError(component, "riskPct", riskPct, "a percentage in (0, 100]");
  }
  if (entry === stop) {
    throw new InvalidArgumentError(component, "stop", stop, `a price different from entry (${entry})`);
  }
  const quantity = (equity * riskPct) / 100 / Math.abs(entry - stop);
  if (maxNotional === undefined) return quantity;
  return Math.min(quantity, positive("maxNotional", maxNotional) / entry);
}
