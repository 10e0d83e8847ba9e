import type { RandomSource } from "../random/random-source.js";
import type { NumericDomain } from "../space/numeric-domain.js";
import { logNormalDensity, logNormalInterval } from "./normal-distribution.js";

/** Attempts before a truncated draw gives up and clamps; each succeeds with probability > 0.15. */
const MAX_REJECTIONS = 1000;

/**
 * Bergstra et al.'s adaptive Parzen estimator of one numeric parameter: a mixture of Gaussians truncated to the
 * domain, one per observation plus a prior (centred on the domain, as wide as it). Each observation's bandwidth
 * is the larger of the distances to its neighbours (the outermost points use their inner neighbour), clipped to
 * `[R / min(100, 1 + kernels), R]` with `R` the domain's width. On a grid of `step` the kernels are truncated to
 * `[low - step/2, high + step/2]` and each grid point carries the mass of its `± step/2` bin.
 */
export class ParzenEstimator {
  /** Kernel centres: the observations, then the prior's. */
  readonly means: readonly number[];
  readonly sigmas: readonly number[];
  /** Kernel weights, normalised to sum to 1. */
  readonly mixture: readonly number[];
  private readonly lower: number;
  private readonly upper: number;
  /** `ln P(kernel lands in [lower, upper])`, per kernel. */
  private readonly logMass: readonly number[];
  /** `ln mixture - logMass` per kernel: the part of a term that does not depend on the point. */
  private readonly logWeights: Float64Array;
  private readonly logSigmas: Float64Array;
  /** Scratch space for the per-kernel terms of {@link logDensity}. */
  private readonly terms: Float64Array;
  /** Grid points repeat among candidates, and each costs two normal tails per kernel: computed once. */
  private readonly gridCache: Map<number, number> | undefined;
  /**
   * On a grid most observations share a point and so a (mean, sigma) pair: the costly bin mass is computed once
   * per distinct pair (`groupOf[kernel]` indexes `groups`), which keeps a trial's cost near O(grid points) rather
   * than O(trials) of normal tails. Same arithmetic per kernel, so the same values to the bit.
   */
  private readonly groupOf: Int32Array | undefined;
  private readonly groups: readonly { readonly mean: number; readonly sigma: number }[] = [];
  private readonly groupMass: Float64Array | undefined;

  /**
   * @param observations Points of `domain` (domain coordinates).
   * @param weights One non-negative weight per observation.
   * @param priorWeight The prior kernel's weight (Optuna's default is 1).
   */
  constructor(
    observations: readonly number[],
    weights: readonly number[],
    private readonly domain: NumericDomain,
    priorWeight: number,
  ) {
    const halfStep = (domain.step ?? 0) / 2;
    this.lower = domain.low - halfStep;
    this.upper = domain.high + halfStep;
    const width = this.upper - this.lower;
    const priorMean = (domain.low + domain.high) / 2;
    const kernels = observations.length + 1;
    const sigmas = neighbourBandwidths([...observations, priorMean]);
    const minimum = width / Math.min(100, 1 + kernels);
    const clipped = sigmas
      .slice(0, observations.length)
      .map((sigma) => Math.min(width, Math.max(minimum, sigma)));
    this.means = [...observations, priorMean];
    this.sigmas = [...clipped, width];
    const total = weights.reduce((sum, weight) => sum + weight, 0) + priorWeight;
    this.mixture = [...weights, priorWeight].map((weight) => weight / total);
    this.terms = new Float64Array(this.means.length);
    this.gridCache = domain.step === undefined ? undefined : new Map();
    const massOf = new PairMap<number>();
    this.logMass = this.means.map((mean, index) => {
      const sigma = this.sigmas[index]!;
      let mass = massOf.get(mean, sigma);
      if (mass === undefined) {
        mass = this.logKernelMass(mean, sigma, this.lower, this.upper);
        massOf.set(mean, sigma, mass);
      }
      return mass;
    });
    const continuous = domain.step === undefined;
    this.logWeights = Float64Array.from(
      this.means,
      (_, index) => Math.log(this.mixture[index]!) - this.logMass[index]!,
    );
    this.logSigmas = Float64Array.from(this.sigmas, (sigma) => Math.log(sigma));
    if (!continuous) {
      const groupIndex = new PairMap<number>();
      const groups: { mean: number; sigma: number }[] = [];
      this.groupOf = Int32Array.from(this.means, (mean, index) => {
        const sigma = this.sigmas[index]!;
        let group = groupIndex.get(mean, sigma);
        if (group === undefined) {
          group = groups.push({ mean, sigma }) - 1;
          groupIndex.set(mean, sigma, group);
        }
        return group;
      });
      this.groups = groups;
      this.groupMass = new Float64Array(groups.length);
    }
  }

  /** One draw: a kernel by weight, then a truncated Gaussian draw from it (snapped to the grid if there is one). */
  sample(random: RandomSource): number {
    if (this.upper === this.lower) return this.domain.low;
    let pick = random.next();
    let kernel = 0;
    while (kernel < this.mixture.length - 1 && pick >= this.mixture[kernel]!) pick -= this.mixture[kernel++]!;
    const mean = this.means[kernel]!;
    const sigma = this.sigmas[kernel]!;
    let point = mean;
    for (let attempt = 0; attempt < MAX_REJECTIONS; attempt++) {
      const draw = mean + sigma * random.normal();
      if (draw >= this.lower && draw <= this.upper) {
        point = draw;
        break;
      }
    }
    if (this.domain.step === undefined) return Math.min(this.domain.high, Math.max(this.domain.low, point));
    const last = Math.round((this.domain.high - this.domain.low) / this.domain.step);
    const index = Math.min(last, Math.max(0, Math.round((point - this.domain.low) / this.domain.step)));
    return this.domain.low + index * this.domain.step;
  }

  /** `ln` of the density at `point` (continuous), or of the probability of the grid point `point` (stepped). */
  logDensity(point: number): number {
    if (this.upper === this.lower) return 0;
    const cached = this.gridCache?.get(point);
    if (cached !== undefined) return cached;
    const terms = this.terms;
    const logWeights = this.logWeights;
    const { groupOf, groupMass } = this;
    if (groupOf === undefined || groupMass === undefined) {
      const { means, sigmas, logSigmas } = this;
      for (let index = 0; index < means.length; index++) {
        terms[index] =
          logWeights[index]! + logNormalDensity((point - means[index]!) / sigmas[index]!) - logSigmas[index]!;
      }
    } else {
      const half = this.domain.step! / 2;
      for (let group = 0; group < this.groups.length; group++) {
        const { mean, sigma } = this.groups[group]!;
        groupMass[group] = this.logKernelMass(mean, sigma, point - half, point + half);
      }
      for (let index = 0; index < groupOf.length; index++) {
        terms[index] = logWeights[index]! + groupMass[groupOf[index]!]!;
      }
    }
    const density = logSumExp(terms);
    this.gridCache?.set(point, density);
    return density;
  }

  private logKernelMass(mean: number, sigma: number, from: number, to: number): number {
    return logNormalInterval((from - mean) / sigma, (to - mean) / sigma);
  }
}

/** A map keyed by two numbers (a kernel's mean and sigma), without building string keys. */
class PairMap<V> {
  private readonly outer = new Map<number, Map<number, V>>();
  get(a: number, b: number): V | undefined {
    return this.outer.get(a)?.get(b);
  }
  set(a: number, b: number, value: V): void {
    let inner = this.outer.get(a);
    if (inner === undefined) {
      inner = new Map();
      this.outer.set(a, inner);
    }
    inner.set(b, value);
  }
}

/** For each point, the larger gap to its neighbours in sorted order; the two outermost take their one inner gap. */
function neighbourBandwidths(points: readonly number[]): number[] {
  const order = points.map((_, index) => index).sort((a, b) => points[a]! - points[b]! || a - b);
  const sigmas = new Array<number>(points.length).fill(0);
  if (points.length < 2) return sigmas;
  for (let rank = 0; rank < order.length; rank++) {
    const here = points[order[rank]!]!;
    const left = rank > 0 ? here - points[order[rank - 1]!]! : 0;
    const right = rank < order.length - 1 ? points[order[rank + 1]!]! - here : 0;
    sigmas[order[rank]!] = Math.max(left, right);
  }
  return sigmas;
}

/** `ln Σ exp(terms)` without overflow. */
export function logSumExp(terms: ArrayLike<number>): number {
  let largest = Number.NEGATIVE_INFINITY;
  for (let index = 0; index < terms.length; index++) largest = Math.max(largest, terms[index]!);
  if (largest === Number.NEGATIVE_INFINITY) return largest;
  let sum = 0;
  for (let index = 0; index < terms.length; index++) sum += Math.exp(terms[index]! - largest);
  return largest + Math.log(sum);
}
