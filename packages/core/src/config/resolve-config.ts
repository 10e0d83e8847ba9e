import { InvalidArgumentError } from "../errors/invalid-argument-error.js";
import { parseWithSchema } from "../validation/parse-with-schema.js";
import { type CandlewickConfig, configPatchSchema, DEFAULT_CONFIG } from "./candlewick-config.js";

/** Applies a validated patch on top of `base` and checks the rules that tie several keys together. */
export function resolveConfig(base: CandlewickConfig, patch: unknown, component: string): CandlewickConfig {
  const parsed = parseWithSchema(component, configPatchSchema, patch ?? {});
  const merged: CandlewickConfig = Object.freeze({ ...base, ...stripUndefined(parsed) });
  if (merged.defaultSignalLifetimeMinutes > merged.maxSignalLifetimeMinutes) {
    throw new InvalidArgumentError(
      component,
      "defaultSignalLifetimeMinutes",
      merged.defaultSignalLifetimeMinutes,
      `at most maxSignalLifetimeMinutes (${merged.maxSignalLifetimeMinutes})`,
    );
  }
  if (merged.minStopLossDistancePercent >= merged.maxStopLossDistancePercent) {
    throw new InvalidArgumentError(
      component,
      "minStopLossDistancePercent",
      merged.minStopLossDistancePercent,
      `less than maxStopLossDistancePercent (${merged.maxStopLossDistancePercent})`,
    );
  }
  return merged;
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

let globalConfig: CandlewickConfig = DEFAULT_CONFIG;

/**
 * Changes the process-wide defaults. The patch is validated first: on a bad key or value nothing changes
 * and an `InvalidArgumentError` names it. Runs already started keep the config they started with.
 */
export function setConfig(patch: Partial<CandlewickConfig>): CandlewickConfig {
  globalConfig = resolveConfig(globalConfig, patch, "setConfig");
  return globalConfig;
}

/** The current process-wide config (frozen). */
export function getConfig(): CandlewickConfig {
  return globalConfig;
}

/** The built-in defaults (frozen). */
export function getDefaultConfig(): CandlewickConfig {
  return DEFAULT_CONFIG;
}

/** Restores the built-in defaults. */
export function resetConfig(): CandlewickConfig {
  globalConfig = DEFAULT_CONFIG;
  return globalConfig;
}
