import type { PersistAdapter, PersistKey } from "@candlewick/core";

/** What a conformance case gets: adapters from the factory under test and names no other case uses. */
export interface PersistCaseContext {
  /** Opens an adapter through the factory under test; the suite closes it after the case. */
  open(): Promise<PersistAdapter>;
  /** A namespace unique to this case, so cases never see each other's keys, even over shared storage. */
  namespace(): string;
  /** A key in `namespace` with the given strategy and symbol. */
  key(namespace: string, strategyName?: string, symbol?: string): PersistKey;
}

/** One numbered conformance case. Ids are stable: a case is never renumbered, only added or retired. */
export interface PersistCase {
  readonly id: `TC-P${string}`;
  readonly title: string;
  /** The case opens a second adapter and expects it to see the first one's data. */
  readonly needsSharedStorage?: boolean;
  run(context: PersistCaseContext): Promise<void>;
}
