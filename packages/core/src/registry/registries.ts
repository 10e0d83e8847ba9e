import type { ExchangeSchema } from "../spec/exchange.js";
import type { FrameSchema } from "../spec/frame.js";
import type { StrategySchema } from "../spec/strategy.js";
import { Registry } from "./registry.js";

/** The process-wide registries behind `add*` / `list*`. */
export const exchanges = new Registry<ExchangeSchema>("exchange", "exchangeName");
export const strategies = new Registry<StrategySchema>("strategy", "strategyName", "strategies");
export const frames = new Registry<FrameSchema>("frame", "frameName");
export { walkers } from "./walker-registry.js";
