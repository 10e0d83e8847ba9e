import { backtestKitConfig, type CandleInterval, type CandlewickConfig, INTERVAL_MS } from "@candlewick/core";
import type { CliIo } from "./cli-io.js";
import { parseInterval } from "./parse-options.js";
import { UsageError } from "./usage-error.js";

/** The options of backtest, walker and live that set the run's trading costs and fill model. */
export interface CostOptions {
  readonly fee?: string;
  readonly slippage?: string;
  readonly fillModel?: string;
  readonly preset?: string;
}

/** `--preset` names: whole config presets of core, applied before `--fee`, `--slippage` and `--fill-model`. */
const PRESETS: Readonly<Record<string, Readonly<Partial<CandlewickConfig>>>> = {
  "backtest-kit": backtestKitConfig,
};

/**
 * `--preset`, then `--fee`, `--slippage` and `--fill-model` as the run's config overrides (only the ones given).
 * Numbers must be plain decimals; their range and the fill model's name are checked by core's config schema when
 * the run starts, so the CLI accepts exactly what `setConfig` accepts.
 */
export function parseCosts(options: CostOptions): Partial<CandlewickConfig> {
  const config: { -readonly [K in keyof CandlewickConfig]?: CandlewickConfig[K] } = {
    ...presetOf(options.preset),
  };
  if (options.fee !== undefined) config.percentFee = parsePercent("--fee", options.fee);
  if (options.slippage !== undefined) config.percentSlippage = parsePercent("--slippage", options.slippage);
  if (options.fillModel !== undefined) config.fillModel = options.fillModel as CandlewickConfig["fillModel"];
  return config;
}

function presetOf(name: string | undefined): Readonly<Partial<CandlewickConfig>> {
  if (name === undefined) return {};
  const preset = Object.hasOwn(PRESETS, name) ? PRESETS[name] : undefined;
  if (preset === undefined) {
    throw new UsageError(
      `--preset "${name}" is not a known preset`,
      `pass one of: ${Object.keys(PRESETS).join(", ")}`,
    );
  }
  return preset;
}

function parsePercent(option: string, value: string): number {
  if (!/^\d+(\.\d+)?$/.test(value) || Number(value) > 100) {
    throw new UsageError(
      `${option} "${value}" is not a percentage`,
      `pass a number from 0 to 100, in percent per side: ${option} 0.1 means 0.1%`,
    );
  }
  return Number(value);
}

/** The options of backtest and walker that set the frame's tick. */
export interface TickOptions {
  readonly tick?: string;
  /** Deprecated name of `tick`. */
  readonly interval?: string;
}

/**
 * The frame's tick (`--tick`, default 1m). `--interval`, its old name, still works with a warning: it never was
 * the candle interval. A tick coarser than a strategy's interval asks that strategy less often than it was
 * written for (a 15m strategy on a 1h tick misses three signal chances in four), so it is warned about.
 */
export function resolveTick(
  options: TickOptions,
  strategies: readonly { name: string; interval: CandleInterval }[],
  io: CliIo,
): CandleInterval {
  if (options.interval !== undefined) {
    if (options.tick !== undefined && options.tick !== options.interval) {
      throw new UsageError(
        `--interval "${options.interval}" and --tick "${options.tick}" disagree`,
        "--interval is the deprecated name of --tick; pass only --tick",
      );
    }
    io.stderr.write(
      "warning: --interval is deprecated: it sets the frame's tick (how often getSignal may run), not the candle interval; use --tick\n",
    );
  }
  const tick = parseInterval("--tick", options.tick ?? options.interval ?? "1m");
  for (const strategy of strategies) {
    if (INTERVAL_MS[tick] > INTERVAL_MS[strategy.interval]) {
      io.stderr.write(
        `warning: --tick ${tick} is coarser than the ${strategy.interval} interval of ${strategy.name}: getSignal runs once per ${tick} instead of once per ${strategy.interval}, so results differ from the default --tick 1m\n`,
      );
    }
  }
  return tick;
}
