export { mode } from "./context/mode.js";
export { now } from "./context/now.js";
export type { StrategyContext } from "./context/strategy-context.js";
export { createStrategySchema, type VariantOptions } from "./define/create-strategy-schema.js";
export {
  defineStrategy,
  isStrategyDefinition,
  type SignalOutput,
  type StrategyConfig,
  type StrategyDefinition,
} from "./define/define-strategy.js";
export {
  defineWalker,
  isWalkerDefinition,
  type WalkerDefinition,
  type WalkerVariant,
} from "./define/define-walker.js";
export { registerStrategy } from "./define/register-strategy.js";
export { type ParamOverrides, resolveParams } from "./define/resolve-params.js";
export { strategyVariantName } from "./define/strategy-variant-name.js";
export { computeIndicator } from "./indicators/compute-indicator.js";
export { crossDirection } from "./indicators/cross-direction.js";
export {
  type BandsValue,
  indicator,
  type MacdValue,
  type StochasticValue,
} from "./indicators/indicator.js";
export {
  defineIndicator,
  type HighLowClose,
  type IndicatorInstance,
  type IndicatorRecipe,
  type TradingSignalsIndicator,
} from "./indicators/indicator-recipe.js";
export { STREAM_HISTORY } from "./indicators/indicator-stream.js";
export { PRICE_SOURCES, type PriceSource, priceAt } from "./indicators/price-source.js";
export { StreamingIndicators, type StreamOptions } from "./indicators/streaming-indicators.js";
export { type BracketOptions, bracket } from "./signals/bracket.js";
export { fixedFractionQuantity } from "./sizing/fixed-fraction-quantity.js";
export { type RiskBasedQuantityOptions, riskBasedQuantity } from "./sizing/risk-based-quantity.js";
export { candleFixtureDir } from "./testing/candle-fixture-dir.js";
export { createMemoryExchange } from "./testing/create-memory-exchange.js";
export { FIXTURE_RANGE, FIXTURE_SYMBOLS, loadCandleFixture } from "./testing/load-candle-fixture.js";
export {
  type RunOnCandlesOptions,
  runStrategyOnCandles,
  type StrategyRunResult,
} from "./testing/run-strategy-on-candles.js";
