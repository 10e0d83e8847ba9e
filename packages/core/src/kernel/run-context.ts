import type { CandleFeed } from "../candles/candle-feed.js";
import type { CandleRepository } from "../candles/candle-repository.js";
import type { CandlewickConfig } from "../config/candlewick-config.js";
import type { EngineState } from "../engine/engine-state.js";
import type { ExchangeSchema } from "../spec/exchange.js";
import type { CandleInterval } from "../spec/interval.js";
import type { RiskSchema } from "../spec/risk.js";
import type { StrategySchema } from "../spec/strategy.js";

/** Everything one run (one strategy on one symbol, in one mode) needs, resolved once when it starts. */
export interface RunContext {
  /** Unique per run in this process: lets per-run caches (e.g. streaming indicators) tell runs apart. */
  readonly runId: string;
  /** The engine the run belongs to: its streams, stores and repositories. */
  readonly engine: EngineState;
  readonly symbol: string;
  readonly strategyName: string;
  readonly exchangeName: string;
  /** Empty string in live mode. */
  readonly frameName: string;
  readonly backtest: boolean;
  readonly strategy: StrategySchema;
  readonly exchange: ExchangeSchema;
  readonly config: CandlewickConfig;
  /** The risks the strategy names (`riskName`, then `riskList`, each once), resolved when the run started. */
  readonly risks: readonly RiskSchema[];
  readonly candles: CandleRepository;
  /**
   * Latest time up to which candle feeds may be loaded ahead in one request (the frame's end plus the longest
   * a signal can stay open, in backtests; "now" live). Loading ahead is not look-ahead: strategies only ever
   * see candles closed by the context's `when`.
   */
  horizon(): number;
  /** The 1m feed of the run's own symbol: what fills are decided on. */
  readonly minuteFeed: CandleFeed;
}

/** Shorthand used by the strategy-facing functions. */
export function feedOf(run: RunContext, symbol: string, interval: CandleInterval): CandleFeed {
  return symbol === run.symbol && interval === "1m" ? run.minuteFeed : run.candles.feed(symbol, interval);
}
