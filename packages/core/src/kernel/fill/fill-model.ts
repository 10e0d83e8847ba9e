import type { FillModel } from "../../config/candlewick-config.js";
import { backtestKitFillModel } from "./backtest-kit-fill-model.js";
import { candleFillModel } from "./candle-fill-model.js";
import type { FillModelScanner } from "./scan-types.js";
import { vwapFillModel } from "./vwap-fill-model.js";

/** The scanner implementing a configured fill model. */
export function fillModelScanner(model: FillModel): FillModelScanner {
  if (model === "backtest-kit") return backtestKitFillModel;
  return model === "vwap" ? vwapFillModel : candleFillModel;
}
