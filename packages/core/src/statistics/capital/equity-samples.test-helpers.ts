import type { EquitySample } from "../../spec/index.js";
import { MINUTE, seededRandom } from "../statistics.test-helpers.js";

/** Shorthand for a sample in fixtures: cash defaults to equity − exposure, positions to 1 when exposed. */
export function sample(
  timestamp: number,
  equity: number,
  exposure = 0,
  openPositions = exposure > 0 ? 1 : 0,
  cash = equity - exposure,
): EquitySample {
  return { timestamp, equity, cash, exposure, openPositions };
}

/** What {@link simulatePortfolio} generates. */
export interface SimulatedCurve {
  readonly samples: EquitySample[];
  readonly initialCapital: number;
  readonly periodStart: number;
  readonly periodEnd: number;
}

/**
 * A real-ish equity curve: three symbols whose prices follow a seeded random walk, long positions bought with a
 * share of the cash and sold at random (0.1% fee on each fill), marked to market every minute. Samples are
 * minute-aligned, as the reference implementation needs; some minutes have no sample (event-style sampling)
 * and some have two (a fill, then the mark). The period starts and ends off midnight.
 */
export function simulatePortfolio(seed: number, start: number, minutes: number): SimulatedCurve {
  const random = seededRandom(seed);
  const initialCapital = 10_000;
  const prices = [100, 20, 3];
  const quantities = [0, 0, 0];
  const costBasis = [0, 0, 0];
  let cash = initialCapital;
  const samples: EquitySample[] = [];
  const snapshot = (timestamp: number): EquitySample => {
    let marked = 0;
    let exposure = 0;
    let open = 0;
    for (let s = 0; s < prices.length; s++) {
      marked += quantities[s]! * prices[s]!;
      exposure += costBasis[s]!;
      if (quantities[s]! > 0) open++;
    }
    return { timestamp, equity: cash + marked, cash, exposure, openPositions: open };
  };
  for (let m = 1; m <= minutes; m++) {
    const timestamp = start + m * MINUTE;
    for (let s = 0; s < prices.length; s++) prices[s]! *= 1 + (random() - 0.5) * 0.004;
    const s = Math.floor(random() * prices.length);
    const event = random();
    if (event < 0.01 && quantities[s] === 0 && cash > 1) {
      const value = cash * (0.2 + 0.5 * random());
      const fee = value * 0.001;
      quantities[s] = (value - fee) / prices[s]!;
      costBasis[s] = value;
      cash -= value;
      samples.push(snapshot(timestamp));
    } else if (event < 0.02 && quantities[s]! > 0) {
      const value = quantities[s]! * prices[s]!;
      cash += value - value * 0.001;
      quantities[s] = 0;
      costBasis[s] = 0;
      samples.push(snapshot(timestamp));
    }
    if (random() < 0.6) samples.push(snapshot(timestamp));
  }
  return { samples, initialCapital, periodStart: start, periodEnd: start + minutes * MINUTE };
}
