import type { StrategySchema } from "@candlewick/core";
import { type Decision, decisionOf, failedDecision } from "./decision.js";

/**
 * The same strategy, with every `getSignal` decision appended to `decisions` (errors too, then rethrown so the
 * engine reports them as usual). Only the call is wrapped: the strategy sees the same context and data.
 */
export function recordingStrategy(schema: StrategySchema, decisions: Decision[]): StrategySchema {
  return {
    ...schema,
    getSignal: async (symbol, when) => {
      try {
        const output = await schema.getSignal(symbol, when);
        decisions.push(decisionOf(when.getTime(), output));
        return output;
      } catch (error) {
        decisions.push(failedDecision(when.getTime(), error));
        throw error;
      }
    },
  };
}
