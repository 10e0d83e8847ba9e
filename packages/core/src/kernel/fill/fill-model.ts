import type { FillModel } from "../../config/candlewick-config.js";
import { candleFillModel } from "./candle-fill-model.js";
import type { FillModelScanner } from "./scan-types.js";
import { vwapFillModel } from "./vwap-fill-model.js";

/** The scanner implementing a configured fill model. */
export function fillModelScanner(model: FillModel): FillModelScanner {
  return model === "vwap" ? vwapFillModel : candleFillModel;
}
