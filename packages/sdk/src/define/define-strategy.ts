import {
  type CandleInterval,
  InvalidArgumentError,
  intervalToMs,
  parseWithSchema,
  type SignalDto,
  type SignalRow,
  type Sizing,
  type StrategyCallbacks,
} from "@candlewick/core";
import type { z } from "zod";
import type { StrategyContext } from "../context/strategy-context.js";

const MARKER = Symbol.for("@candlewick/sdk.strategy");

/** What `getSignal` may return: a signal, or nothing (null / undefined) for no trade. */
export type SignalOutput = SignalDto | null | undefined;

/** The input of {@link defineStrategy}. */
export interface StrategyConfig<Schema extends z.ZodType> {
  /** Base name. Variants are registered as `name:key=value,...` (see `strategyVariantName`). */
  readonly name: string;
  /** How often `getSignal` runs (at most once per interval, aligned to UTC), and the indicators' default interval. */
  readonly interval: CandleInterval;
  /** zod schema of the parameters. Use `z.object({...})` so unknown parameter names are caught. */
  readonly params: Schema;
  /** A complete, valid parameter set: what `registerStrategy(definition)` uses. */
  readonly defaults: z.input<Schema>;
  /** Asked for a signal while nothing is open for the symbol. Errors are reported by the engine, never fatal. */
  getSignal(ctx: StrategyContext, params: z.output<Schema>): SignalOutput | Promise<SignalOutput>;
  /**
   * Called once per strategy interval while a signal is open or scheduled (core's `onOpenInterval`), with the
   * same context and parameters as `getSignal` and the signal's current row: call `commitPartialProfit`,
   * `commitTrailingStop`, `commitAverageBuy` and the other commands here, with `ctx.symbol`.
   */
  onOpenInterval?(ctx: StrategyContext, params: z.output<Schema>, signal: SignalRow): void | Promise<void>;
  /** How large a position is when the signal gives no `cost` or `quantity` (core's `sizing`). */
  readonly sizing?: Sizing;
  /** The risk (registered with `addRisk`) every new signal and DCA add is checked against. */
  readonly riskName?: string;
  /** Several risks; a signal must pass every one. */
  readonly riskList?: readonly string[];
  /** Hooks for the strategy's own signals (core's `StrategyCallbacks`). */
  readonly callbacks?: StrategyCallbacks;
  readonly note?: string;
}

/** A checked, frozen strategy definition: register it once or under several parameter sets. */
export interface StrategyDefinition<Schema extends z.ZodType = z.ZodType> extends StrategyConfig<Schema> {
  /** The defaults after parsing (zod defaults and transforms applied). */
  readonly defaultParams: z.output<Schema>;
  readonly [MARKER]: true;
}

/** Characters a base name may not contain: `:`, `,` and `=` build variant names; `/`, `\` and NUL paths. */
const RESERVED = /[:,=/\\\0]/;

/**
 * Defines a typed, parameterised strategy. Everything is checked here, so a mistake fails at import time with the
 * field named: the name, the interval, that `params` is a zod schema, that `defaults` satisfy it.
 *
 * @example
 * export default defineStrategy({
 *   name: "ema-cross",
 *   interval: "15m",
 *   params: z.object({ fast: z.number().int().min(2), slow: z.number().int().min(3) }),
 *   defaults: { fast: 10, slow: 30 },
 *   async getSignal(ctx, { fast, slow }) {
 *     const [f, s] = [await ctx.indicators.ema(fast), await ctx.indicators.ema(slow)];
 *     if (f === null || s === null) return null;
 *     return f > s ? bracket({ position: "long", price: await ctx.marketPrice(), takeProfitPct: 2, stopLossPct: 1 }) : null;
 *   },
 * });
 * @throws InvalidArgumentError naming the bad field (`defineStrategy` for the definition, `<name> defaults` for a default).
 */
export function defineStrategy<Schema extends z.ZodType>(
  config: StrategyConfig<Schema>,
): StrategyDefinition<Schema> {
  const component = "defineStrategy";
  if (config === null || typeof config !== "object") {
    throw new InvalidArgumentError(component, "(definition)", config, "an object");
  }
  const { name, interval, params, getSignal } = config;
  if (typeof name !== "string" || name.length === 0 || name.length > 100 || RESERVED.test(name)) {
    throw new InvalidArgumentError(
      component,
      "name",
      name,
      "a name of 1 to 100 characters without : , = / \\",
    );
  }
  intervalToMs(interval, component, "interval");
  if (
    params === null ||
    typeof params !== "object" ||
    typeof (params as z.ZodType).safeParse !== "function"
  ) {
    throw new InvalidArgumentError(component, "params", params, "a zod schema, e.g. z.object({...})");
  }
  if (typeof getSignal !== "function") {
    throw new InvalidArgumentError(component, "getSignal", getSignal, "a function (ctx, params) => signal");
  }
  // Checked here because the schema hands core a wrapper, which is always a function. `sizing` and the risk
  // names go to core as given, and `addStrategy` checks them.
  const { onOpenInterval } = config;
  if (onOpenInterval !== undefined && typeof onOpenInterval !== "function") {
    throw new InvalidArgumentError(
      component,
      "onOpenInterval",
      onOpenInterval,
      "a function (ctx, params, signal) => void",
    );
  }
  const defaultParams = parseWithSchema(`${name} defaults`, params, config.defaults) as z.output<Schema>;
  return Object.freeze({ ...config, defaultParams, [MARKER]: true as const });
}

/** True for what `defineStrategy` returned (also across two installed copies of the sdk). */
export function isStrategyDefinition(value: unknown): value is StrategyDefinition {
  return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[MARKER] === true;
}
