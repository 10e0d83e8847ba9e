import type { CandlewickConfig } from "../config/candlewick-config.js";
import type { EngineState } from "../engine/engine-state.js";
import type { PoolLaunch } from "../pool/pool-launch.js";
import type { WalkerMetric } from "../statistics/walker-metric.js";
import type { WalkerSchema } from "./walker-schema.js";

/** A walker run resolved and checked before it starts: nothing in it can fail validation later. */
export interface WalkerPlan {
  /** The engine the walker and its backtests belong to. */
  readonly engine: EngineState;
  readonly schema: WalkerSchema;
  readonly symbol: string;
  readonly metric: WalkerMetric;
  /**
   * The effective config (the engine's `setConfig` plus the walker's `config`), frozen when the run starts. Every backtest of
   * the run gets it explicitly, so worker threads (which never saw `setConfig`) use the same numbers.
   */
  readonly config: CandlewickConfig;
  /** 1: backtests run one after another in this thread; more: on the engine's pool of that many worker threads. */
  readonly concurrency: number;
  /** `file:` URL of the walker's setup module, or null when it has none. */
  readonly setupModule: string | null;
  /** How to start the pool's worker threads (only when `concurrency > 1`). */
  readonly launch: PoolLaunch | null;
}
