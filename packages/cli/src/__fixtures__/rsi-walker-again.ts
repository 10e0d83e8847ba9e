import { defineWalker } from "@candlewick/sdk";
import rsiReversal from "./rsi-reversal.js";

/** A second walker file defining a variant that `rsi-walker.ts` defines too (same strategy, same params). */
export default defineWalker({
  name: "rsi-levels-again",
  variants: [
    { strategy: rsiReversal, params: { low: 20, high: 80 } },
    { strategy: rsiReversal, params: { low: 35, high: 65 } },
  ],
});
