import type { PersistAdapter, PersistKey } from "@candlewick/core";
import { afterEach, describe, it } from "vitest";
import { concurrencyCases } from "./persist/concurrency-cases.js";
import { deleteCases } from "./persist/delete-cases.js";
import { keyInjectivityCases } from "./persist/key-injectivity-cases.js";
import { keyListingCases } from "./persist/key-listing-cases.js";
import { lifecycleCases } from "./persist/lifecycle-cases.js";
import type { PersistCase, PersistCaseContext } from "./persist/persist-case.js";
import { roundTripCases } from "./persist/round-trip-cases.js";
import { validationCases } from "./persist/validation-cases.js";

/** Options of {@link runPersistConformance}. */
export interface PersistConformanceOptions {
  /**
   * Whether adapters returned by separate factory calls share one storage, as two processes pointed at the
   * same directory or Redis would. Default `true`. Set it to `false` for a store that lives inside one
   * adapter object, such as core's `createMemoryPersist()`: the durability case (TC-P20) is then skipped.
   */
  readonly sharedStorage?: boolean;
}

const CASES: readonly PersistCase[] = [
  ...roundTripCases,
  ...deleteCases,
  ...keyListingCases,
  ...concurrencyCases,
  ...validationCases,
  ...lifecycleCases,
  ...keyInjectivityCases,
];

/**
 * Declares a vitest `describe` block that checks an adapter against the `PersistAdapter` v1 contract, one
 * numbered test per case (TC-P01…). Call it at the top level of a test file, before the adapter's own tests.
 *
 * Each case calls `factory` for every adapter it needs and closes them afterwards. Cases write under a
 * namespace of their own, so the factory may return adapters over storage that other cases (or earlier
 * runs) already used.
 *
 * @param name - Shown in the describe title, e.g. `"fs"`.
 * @param factory - Opens an adapter over the storage under test.
 *
 * @example
 * import { runPersistConformance } from "@candlewick/testkit";
 * runPersistConformance("my-store", () => createMyStorePersist({ url }));
 */
export function runPersistConformance(
  name: string,
  factory: () => Promise<PersistAdapter> | PersistAdapter,
  options: PersistConformanceOptions = {},
): void {
  const sharedStorage = options.sharedStorage ?? true;

  describe(`PersistAdapter v1 conformance: ${name}`, () => {
    let opened: PersistAdapter[] = [];
    let namespaces = 0;
    const runId = Math.random().toString(36).slice(2, 8);

    afterEach(async () => {
      const toClose = opened;
      opened = [];
      await Promise.all(toClose.map((adapter) => adapter.close?.()));
    });

    const context: PersistCaseContext = {
      async open() {
        const adapter = await factory();
        opened.push(adapter);
        return adapter;
      },
      namespace() {
        namespaces += 1;
        return `conformance-${runId}-${namespaces}`;
      },
      key(namespace: string, strategyName = "strategy-a", symbol = "BTCUSDT"): PersistKey {
        return { namespace, strategyName, symbol };
      },
    };

    for (const testCase of CASES) {
      const declare = testCase.needsSharedStorage && !sharedStorage ? it.skip : it;
      declare(`${testCase.id} ${testCase.title}`, () => testCase.run(context));
    }
  });
}
