import { defineWalker } from "@candlewick/sdk";
import rsiReversal from "./rsi-reversal.js";

/** A walker file for the CLI tests: two parameter sets of one strategy. */
export default defineWalker({
  name: "rsi-levels",
  metric: "totalPnl",
  variants: [
    { strategy: rsiReversal, params: { low: 25, high: 75 } },
    { strategy: rsiReversal, params: { low: 35, high: 65 } },
  ],
});
