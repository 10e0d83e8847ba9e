import { addSeedStrategy } from "@candlewick/example-seed-strategy";

/**
 * The strategy: nothing in it knows where its state is kept. Three rising 5m closes: long; three falling:
 * short; take-profit and stop-loss 0.6% away, two hours at most.
 */
export function registerStrategy(): void {
  addSeedStrategy("my-strategy");
}
