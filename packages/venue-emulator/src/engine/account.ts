import type { Atoms } from "./decimal.js";

/** One asset's balance, in atoms. `locked` is what open orders reserve. */
export interface Balance {
  free: Atoms;
  locked: Atoms;
}

/** The spot wallet: free and locked per asset, moved only by the matching engine. */
export class Account {
  readonly #balances = new Map<string, Balance>();

  constructor(initial: Iterable<[string, Atoms]>) {
    for (const [asset, free] of initial) this.#balances.set(asset, { free, locked: 0n });
  }

  get(asset: string): Balance {
    let balance = this.#balances.get(asset);
    if (balance === undefined) {
      balance = { free: 0n, locked: 0n };
      this.#balances.set(asset, balance);
    }
    return balance;
  }

  /** Moves `amount` from free to locked; false (and nothing moved) when free is short. */
  lock(asset: string, amount: Atoms): boolean {
    const balance = this.get(asset);
    if (balance.free < amount) return false;
    balance.free -= amount;
    balance.locked += amount;
    return true;
  }

  unlock(asset: string, amount: Atoms): void {
    const balance = this.get(asset);
    balance.locked -= amount;
    balance.free += amount;
  }

  /** Takes `fromLocked` out of locked and `fromFree` out of free (a fill paying with reserved funds). */
  spend(asset: string, fromLocked: Atoms, fromFree: Atoms): void {
    const balance = this.get(asset);
    balance.locked -= fromLocked;
    balance.free -= fromFree;
  }

  credit(asset: string, amount: Atoms): void {
    this.get(asset).free += amount;
  }

  entries(): [string, Balance][] {
    return [...this.#balances.entries()].sort(([a], [b]) => a.localeCompare(b));
  }
}
