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
  renderRisk: functionField,
  renderPortfolio: functionField,
});

/**
 * Checks a reporter given to `setReporter` or `createEngine`.
 * @throws InvalidArgumentError naming the field when `reporter` does not satisfy the contract.
 */
export function checkReporter(component: string, reporter: unknown): Reporter {
  parseWithSchema(component, reporterSchema, reporter);
  return reporter as Reporter;
}

/** The error of a `getReport`/`dump` on an engine without a reporter. */
export function noReporterError(): CandlewickError {
  return new CandlewickError(
    "NO_REPORTER",
    '[core] no reporter is registered; register one: setReporter(createMarkdownReporter()) from @candlewick/reporter-markdown, give createEngine({ reporter }), or import from the "candlewick" package, which wires it',
  );
}
