import { parseWithSchema } from "@candlewick/core";
import {
  type HtmlReporterOptions,
  htmlReporterOptionsSchema,
  type ResolvedHtmlOptions,
} from "./html-reporter-options.js";

/**
 * Validates the options and applies the defaults.
 * @throws InvalidArgumentError naming the option when `options` is invalid.
 */
export function resolveHtmlOptions(options: HtmlReporterOptions | undefined): ResolvedHtmlOptions {
  const parsed = parseWithSchema("reporter-html", htmlReporterOptionsSchema, options ?? {});
  return {
    title: parsed.title,
    decimals: parsed.decimals ?? 2,
    ratioDecimals: parsed.ratioDecimals ?? 3,
    maxTableRows: parsed.maxTableRows ?? 500,
  };
}
