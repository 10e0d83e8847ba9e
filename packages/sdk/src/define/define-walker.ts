import { InvalidArgumentError, isWalkerMetric, type WalkerMetric } from "@candlewick/core";
import type { z } from "zod";
import { isStrategyDefinition, type StrategyDefinition } from "./define-strategy.js";
import type { ParamOverrides } from "./resolve-params.js";

const MARKER = Symbol.for("@candlewick/sdk.walker");

/** One strategy variant a walker compares: a definition and optional parameter overrides. */
export interface WalkerVariant<Schema extends z.ZodType = z.ZodType> {
  readonly strategy: StrategyDefinition<Schema>;
  readonly params?: ParamOverrides<Schema>;
  /** Name to register under instead of the generated `name:key=value,...`. */
  readonly strategyName?: string;
}

/** What {@link defineWalker} returns: the default export of a walker file for `candlewick walker`. */
export interface WalkerDefinition {
  readonly name: string;
  readonly variants: readonly WalkerVariant[];
  /** What the variants are ranked by (core's walker metrics). Default: core's default, `sharpeRatio`. */
  readonly metric?: WalkerMetric;
  readonly [MARKER]: true;
}

/**
 * Describes a comparison of strategy variants — typically one definition under several parameter sets — for
 * `candlewick walker <file>` (the CLI registers every variant and runs core's Walker over them).
 *
 * @example
 * export default defineWalker({
 *   name: "ema-cross-periods",
 *   metric: "sharpeRatio",
 *   variants: [{ strategy: emaCross, params: { fast: 5, slow: 20 } }, { strategy: emaCross, params: { fast: 10, slow: 50 } }],
 * });
 * @throws InvalidArgumentError naming the bad field.
 */
export function defineWalker(config: {
  name: string;
  variants: readonly WalkerVariant<never>[] | readonly WalkerVariant[];
  metric?: WalkerMetric;
}): WalkerDefinition {
  const component = "defineWalker";
  if (typeof config?.name !== "string" || config.name.length === 0) {
    throw new InvalidArgumentError(component, "name", config?.name, "a non-empty name");
  }
  if (!Array.isArray(config.variants) || config.variants.length === 0) {
    throw new InvalidArgumentError(component, "variants", config.variants, "a non-empty array of variants");
  }
  config.variants.forEach((variant, index) => {
    if (!isStrategyDefinition((variant as WalkerVariant)?.strategy)) {
      throw new InvalidArgumentError(
        component,
        `variants.${index}.strategy`,
        (variant as WalkerVariant)?.strategy,
        "a defineStrategy result",
      );
    }
  });
  if (config.metric !== undefined && !isWalkerMetric(config.metric)) {
    throw new InvalidArgumentError(component, "metric", config.metric, "a walker metric such as sharpeRatio");
  }
  return Object.freeze({
    name: config.name,
    variants: Object.freeze([...(config.variants as readonly WalkerVariant[])]),
    ...(config.metric === undefined ? {} : { metric: config.metric }),
    [MARKER]: true as const,
  });
}

/** True for what `defineWalker` returned. */
export function isWalkerDefinition(value: unknown): value is WalkerDefinition {
  return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[MARKER] === true;
}
