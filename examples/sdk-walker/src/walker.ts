import { defineWalker } from "@candlewick/sdk";
import { rsiMeanReversion } from "./rsi-mean-reversion.js";

/**
 * The same comparison as a walker file for the CLI:
 * `candlewick walker src/walker.ts --exchange csv:../../data/candles --symbol BTCUSDT --from 2025-06-01 --to 2025-07-01`
 */
export default defineWalker({
  name: "rsi-bands",
  metric: "sharpeRatio",
  variants: [
    { strategy: rsiMeanReversion, params: { oversold: 25, overbought: 75 } },
    { strategy: rsiMeanReversion, params: { oversold: 35, overbought: 65 } },
  ],
});
