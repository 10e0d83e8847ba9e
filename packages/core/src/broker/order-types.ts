import type { OrderType } from "../spec/broker.js";

/** Every order type of the broker contract, in one list for the checks that enumerate them. */
export const ORDER_TYPES = [
  "market",
  "limit",
  "stop_market",
  "stop_limit",
  "take_profit_market",
  "take_profit_limit",
] as const satisfies readonly OrderType[];
