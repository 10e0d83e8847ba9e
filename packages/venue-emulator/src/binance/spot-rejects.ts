import type { EngineRejects } from "../engine/ledger.js";
import { reject } from "./binance-reject.js";

/** What the matching engine refuses, in Binance spot's codes and messages. */
export const spotRejects: EngineRejects = {
  marketClosed: reject.marketClosed,
  duplicateOrder: reject.duplicateOrder,
  maxNumOrders: () => reject.filter("MAX_NUM_ORDERS"),
  lotSize: () => reject.filter("LOT_SIZE"),
  notional: () => reject.filter("NOTIONAL"),
  wouldTriggerImmediately: reject.wouldTriggerImmediately,
  wouldMatch: reject.wouldMatch,
  unknownOrder: reject.unknownOrder,
};
