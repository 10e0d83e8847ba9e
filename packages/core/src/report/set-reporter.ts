import { z } from "zod";
import { CandlewickError } from "../errors/candlewick-error.js";
import { functionField } from "../registry/schema-fields.js";
import type { Reporter } from "../spec/reporter.js";
import { parseWithSchema } from "../validation/parse-with-schema.js";

const reporterSchema = z.looseObject({
  specificationVersion: z.literal("v1", 'the reporter contract version "v1"'),
  name: z.string().min(1),
  fileExtension: z.string().regex(/^\.[A-Za-z0-9]+$/, 'a file extension with its dot, such as ".md"'),
  renderBacktest: functionField,
  renderLive: functionField,
  renderWalker: functionField,
  renderSchedule: functionField,
  renderHeat: functionField,
  renderPerformance: functionField,
});

let current: Reporter | null = null;

/**
 * Sets the process-wide reporter used by every `getReport` and `dump`, e.g.
 * `setReporter(createMarkdownReporter())` from `@candlewick/reporter-markdown`.
 * @throws InvalidArgumentError naming the field when `reporter` does not satisfy the contract.
 */
export function setReporter(reporter: Reporter): void {
  parseWithSchema("setReporter", reporterSchema, reporter);
  current = reporter;
}

/**
 * The reporter set with `setReporter`.
 * @throws CandlewickError `NO_REPORTER` when none is set.
 */
export function getReporter(): Reporter {
  if (current === null) {
    throw new CandlewickError(
      "NO_REPORTER",
      "[core] no reporter is registered; register one: setReporter(createMarkdownReporter()) from @candlewick/reporter-markdown",
    );
  }
  return current;
}
