import type { RandomSource } from "../random/random-source.js";

/**
 * The categorical counterpart of the Parzen estimator: each choice's probability is its observations' total weight
 * plus an equal share of the prior weight, `p(c) = (Σ wᵢ [xᵢ = c] + prior / K) / (Σ wᵢ + prior)` over K choices.
 */
export class CategoricalEstimator {
  /** Probability of each choice index. */
  readonly probabilities: readonly number[];

  /**
   * @param observations Choice indexes.
   * @param weights One weight per observation.
   */
  constructor(
    choiceCount: number,
    observations: readonly number[],
    weights: readonly number[],
    priorWeight: number,
  ) {
    const mass = new Array<number>(choiceCount).fill(priorWeight / choiceCount);
    observations.forEach((choice, index) => {
      mass[choice]! += weights[index]!;
    });
    const total = mass.reduce((sum, value) => sum + value, 0);
    this.probabilities = mass.map((value) => value / total);
  }

  /** A choice index drawn with {@link probabilities}. */
  sample(random: RandomSource): number {
    let pick = random.next();
    for (let index = 0; index < this.probabilities.length - 1; index++) {
      if (pick < this.probabilities[index]!) return index;
      pick -= this.probabilities[index]!;
    }
    return this.probabilities.length - 1;
  }

  logDensity(choice: number): number {
    return Math.log(this.probabilities[choice]!);
  }
}
