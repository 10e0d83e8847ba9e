import { InvalidArgumentError } from "@candlewick/core";
import type { RandomSource } from "../random/random-source.js";
import { sampleSpaceUniformly } from "../samplers/sample-uniformly.js";
import type { Sampler } from "../samplers/sampler.js";
import { fromDomain, numericDomain, toDomain } from "../space/numeric-domain.js";
import type { ChoiceParam, ChoiceValue, IntegerParam, NumberParam } from "../space/param-spec.js";
import type { TrialRecord } from "../study/trial-record.js";
import { CategoricalEstimator } from "./categorical-estimator.js";
import { ParzenEstimator } from "./parzen-estimator.js";
import { forgettingWeights, goodCount, splitTrials } from "./trial-split.js";

/** Options of {@link tpeSampler}; the defaults are Optuna's. */
export interface TpeSamplerOptions {
  /** Trials drawn at random before TPE starts modelling (default 10). */
  readonly startupTrials?: number;
  /** Candidates drawn from l(x) per parameter; the one with the largest l(x)/g(x) wins (default 24). */
  readonly candidates?: number;
  /** Weight of each estimator's prior kernel (default 1). */
  readonly priorWeight?: number;
  /** γ: the fraction of trials that are "good" (default 0.1) ... */
  readonly gamma?: number;
  /** ... capped at this many (default 25). */
  readonly maxGoodTrials?: number;
}

/**
 * The Tree-structured Parzen Estimator (Bergstra, Bardenet, Bengio and Kégl, "Algorithms for Hyper-Parameter
 * Optimization", NeurIPS 2011), univariate as in Optuna's default sampler. After `startupTrials` random trials,
 * each trial splits the finished ones into the best γ ("good") and the rest ("bad"), fits per parameter a Parzen
 * estimator l(x) to the good values and g(x) to the bad ones, draws `candidates` values from l and keeps the one
 * maximising l(x)/g(x), which maximises expected improvement under the paper's model. Infeasible trials rank
 * after every feasible one. Deterministic: a function of the history and the trial's random stream.
 * See architecture/research.md.
 * @throws InvalidArgumentError for an option out of range.
 */
export function tpeSampler(options: TpeSamplerOptions = {}): Sampler {
  const settings = {
    startupTrials: options.startupTrials ?? 10,
    candidates: options.candidates ?? 24,
    priorWeight: options.priorWeight ?? 1,
    gamma: options.gamma ?? 0.1,
    maxGoodTrials: options.maxGoodTrials ?? 25,
  };
  const check = (field: keyof typeof settings, ok: boolean, expected: string) => {
    if (!ok) throw new InvalidArgumentError("tpeSampler", field, settings[field], expected);
  };
  check(
    "startupTrials",
    Number.isSafeInteger(settings.startupTrials) && settings.startupTrials >= 1,
    "an integer >= 1",
  );
  check(
    "candidates",
    Number.isSafeInteger(settings.candidates) && settings.candidates >= 1,
    "an integer >= 1",
  );
  check("priorWeight", Number.isFinite(settings.priorWeight) && settings.priorWeight > 0, "a number > 0");
  check("gamma", settings.gamma > 0 && settings.gamma < 1, "a fraction in (0, 1)");
  check(
    "maxGoodTrials",
    Number.isSafeInteger(settings.maxGoodTrials) && settings.maxGoodTrials >= 1,
    "an integer >= 1",
  );

  return {
    name: "tpe",
    settings,
    sample({ space, history, direction, random }) {
      if (history.length < settings.startupTrials) return sampleSpaceUniformly(space, random);
      const { good, bad } = splitTrials(
        history,
        goodCount(history.length, settings.gamma, settings.maxGoodTrials),
        direction,
      );
      const params: Record<string, number | ChoiceValue> = {};
      for (const [name, spec] of Object.entries(space)) {
        params[name] =
          spec.kind === "choice"
            ? sampleChoice(name, spec, good, bad, random, settings)
            : sampleNumber(name, spec, good, bad, random, settings);
      }
      return params;
    },
  };
}

interface Settings {
  readonly candidates: number;
  readonly priorWeight: number;
}

function sampleNumber(
  name: string,
  spec: IntegerParam | NumberParam,
  good: readonly TrialRecord[],
  bad: readonly TrialRecord[],
  random: RandomSource,
  settings: Settings,
): number {
  const domain = numericDomain(spec);
  const estimator = (trials: readonly TrialRecord[]) => {
    const points = trials.map((trial) => toDomain(spec, trial.params[name] as number));
    return new ParzenEstimator(points, forgettingWeights(points.length), domain, settings.priorWeight);
  };
  const [below, above] = [estimator(good), estimator(bad)];
  const best = pickBest(
    settings.candidates,
    () => below.sample(random),
    (point) => below.logDensity(point) - above.logDensity(point),
  );
  return fromDomain(spec, best);
}

function sampleChoice(
  name: string,
  spec: ChoiceParam,
  good: readonly TrialRecord[],
  bad: readonly TrialRecord[],
  random: RandomSource,
  settings: Settings,
): ChoiceValue {
  const estimator = (trials: readonly TrialRecord[]) => {
    const indexes = trials.map((trial) => spec.values.indexOf(trial.params[name] as ChoiceValue));
    return new CategoricalEstimator(
      spec.values.length,
      indexes,
      forgettingWeights(indexes.length),
      settings.priorWeight,
    );
  };
  const [below, above] = [estimator(good), estimator(bad)];
  const best = pickBest(
    settings.candidates,
    () => below.sample(random),
    (index) => below.logDensity(index) - above.logDensity(index),
  );
  return spec.values[best]!;
}

/** Draws `count` candidates and returns the first with the highest score. */
function pickBest(count: number, draw: () => number, score: (candidate: number) => number): number {
  let best = draw();
  let bestScore = score(best);
  for (let index = 1; index < count; index++) {
    const candidate = draw();
    const candidateScore = score(candidate);
    if (candidateScore > bestScore) {
      best = candidate;
      bestScore = candidateScore;
    }
  }
  return best;
}
