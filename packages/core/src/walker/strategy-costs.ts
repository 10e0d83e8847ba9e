/**
 * How long each strategy of a walker took on a worker in the engine's last parallel run, so the next run can
 * hand out the longest first and its workers finish together (a long strategy taken last leaves the other
 * worker idle). Kept per engine, like the warm pool it serves; a cost is only a hint for the order.
 */
export class StrategyCosts {
  private readonly costs = new Map<string, number>();

  /** Remembers `ms` as the cost of `strategyName` in `walkerName` on `symbol`. */
  record(walkerName: string, symbol: string, strategyName: string, ms: number): void {
    this.costs.set(costKey(walkerName, symbol, strategyName), ms);
  }

  /** The last recorded cost, or undefined. */
  get(walkerName: string, symbol: string, strategyName: string): number | undefined {
    return this.costs.get(costKey(walkerName, symbol, strategyName));
  }

  /** Indices of `strategies` in the order to hand them out (see {@link longestFirst}). */
  order(walkerName: string, symbol: string, strategies: readonly string[]): number[] {
    return longestFirst(strategies.map((name) => this.get(walkerName, symbol, name)));
  }
}

/**
 * Indices of `costs` longest first; those without a cost come first (nothing is known of them, so they may be
 * the long ones), in their own order; equal costs keep their order. With no costs at all: 0, 1, 2, …
 */
export function longestFirst(costs: readonly (number | undefined)[]): number[] {
  const rank = (cost: number | undefined) => (cost === undefined ? Number.POSITIVE_INFINITY : cost);
  return costs.map((_, index) => index).sort((a, b) => rank(costs[b]) - rank(costs[a]) || a - b);
}

function costKey(walkerName: string, symbol: string, strategyName: string): string {
  return JSON.stringify([walkerName, symbol, strategyName]);
}
