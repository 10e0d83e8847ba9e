import { InvalidArgumentError } from "@candlewick/core";
import { uniformFloat64 } from "pure-rand/distribution/uniformFloat64";
import { uniformInt } from "pure-rand/distribution/uniformInt";
import { xoroshiro128plus } from "pure-rand/generator/xoroshiro128plus";

/** A seeded stream of random numbers. Same seed, same stream, on every machine. */
export interface RandomSource {
  /** Uniform in `[0, 1)`, a multiple of 2^-53. */
  next(): number;
  /** Uniform integer in `[low, high]`, both included, without modulo bias. */
  integer(low: number, high: number): number;
  /** Standard normal (Box–Muller on two uniforms). */
  normal(): number;
}

/**
 * A {@link RandomSource} on pure-rand's xoroshiro128+ (a maintained, tested generator). Each trial and each
 * Monte Carlo run takes its own stream from `(seed, stream)` so that a resumed study draws what an uninterrupted
 * one would have drawn, whatever ran before.
 * @throws InvalidArgumentError unless `seed` and `stream` are safe integers.
 */
export function createRandomSource(seed: number, stream = 0): RandomSource {
  for (const [field, value] of [
    ["seed", seed],
    ["stream", stream],
  ] as const) {
    if (!Number.isSafeInteger(value)) {
      throw new InvalidArgumentError("createRandomSource", field, value, "a safe integer");
    }
  }
  const generator = xoroshiro128plus(mixSeed(seed, stream));
  return {
    next: () => uniformFloat64(generator),
    integer: (low, high) => uniformInt(generator, low, high),
    normal: () => {
      // 1 - u is in (0, 1], so the logarithm is finite.
      const radius = Math.sqrt(-2 * Math.log(1 - uniformFloat64(generator)));
      return radius * Math.cos(2 * Math.PI * uniformFloat64(generator));
    },
  };
}

/** A 32-bit seed from a seed and a stream number (murmur3's finaliser: nearby inputs give unrelated outputs). */
export function mixSeed(seed: number, stream: number): number {
  const high = Math.floor(seed / 2 ** 32);
  let hash = finalise((seed >>> 0) ^ Math.imul(high >>> 0, 0x85ebca6b));
  hash = finalise(hash ^ Math.imul((stream >>> 0) + 0x9e3779b9, 0xc2b2ae35));
  return finalise(hash ^ Math.floor(stream / 2 ** 32));
}

function finalise(value: number): number {
  let hash = value >>> 0;
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return hash >>> 0;
}
