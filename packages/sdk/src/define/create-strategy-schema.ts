import type { SignalRow, StrategySchema } from "@candlewick/core";
import type { z } from "zod";
import { CallContext } from "../context/strategy-context.js";
import type { StrategyDefinition } from "./define-strategy.js";
import { type ParamOverrides, resolveParams } from "./resolve-params.js";
import { strategyVariantName } from "./strategy-variant-name.js";

/** Options of {@link createStrategySchema} and `registerStrategy`. */
export interface VariantOptions {
  /** Register under this name instead of the generated `name:key=value,...`. */
  readonly strategyName?: string;
}

/**
 * The core `StrategySchema` of one parameter variant, ready for `addStrategy` (or a walker). The parameters are
 * validated and frozen once, here; `getSignal` and `onOpenInterval` then build a {@link StrategyContext} per
 * call. `sizing`, `riskName` and `riskList` are passed through as given.
 * @throws InvalidArgumentError naming a bad parameter.
 */
export function createStrategySchema<Schema extends z.ZodType>(
  definition: StrategyDefinition<Schema>,
  overrides?: ParamOverrides<Schema>,
  options: VariantOptions = {},
): StrategySchema & { readonly params: z.output<Schema> } {
  const params = resolveParams(definition, overrides);
  const frozen = (
    typeof params === "object" && params !== null ? Object.freeze(params) : params
  ) as z.output<Schema>;
  const given: Record<string, unknown> = {};
  for (const key of Object.keys(overrides ?? {})) given[key] = (params as Record<string, unknown>)[key];
  const { interval, onOpenInterval } = definition;
  return {
    strategyName: options.strategyName ?? strategyVariantName(definition.name, given),
    interval,
    params: frozen,
    getSignal: (symbol) => definition.getSignal(new CallContext(symbol, interval), frozen),
    ...(onOpenInterval === undefined
      ? {}
      : {
          onOpenInterval: (symbol: string, _when: Date, signal: SignalRow) =>
            onOpenInterval.call(definition, new CallContext(symbol, interval), frozen, signal),
        }),
    ...(definition.sizing === undefined ? {} : { sizing: definition.sizing }),
    ...(definition.riskName === undefined ? {} : { riskName: definition.riskName }),
    ...(definition.riskList === undefined ? {} : { riskList: definition.riskList }),
    ...(definition.callbacks === undefined ? {} : { callbacks: definition.callbacks }),
    ...(definition.note === undefined ? {} : { note: definition.note }),
  };
}
