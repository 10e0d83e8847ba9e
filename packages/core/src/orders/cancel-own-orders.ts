import { BrokerError } from "../errors/broker-error.js";
import { reportError } from "../events/report-error.js";
import type { RunContext } from "../kernel/run-context.js";
import type { Broker } from "../spec/broker.js";
import { isOwnClientOrderId } from "./client-order-id.js";
import type { OrderJournal } from "./order-journal.js";

/**
 * Cancels every open order of the run's symbol that carries the deployment's prefix (a halted run's resting
 * entries and protective orders); an operator's orders are never touched. The journal's intents of the cancelled
 * orders end as `cancelled`. Resolves false when the venue could not be asked (a transient failure, reported):
 * the caller tries again next tick. An order already gone (`not_found`) counts as cancelled.
 */
export async function cancelOwnOrders(
  broker: Broker,
  journal: OrderJournal,
  run: RunContext,
  prefix: string,
): Promise<boolean> {
  try {
    const open = await broker.fetchOpenOrders(run.symbol);
    for (const order of open) {
      if (!isOwnClientOrderId(order.clientOrderId, prefix)) continue;
      try {
        await broker.cancelOrder(order.symbol, order.clientOrderId);
      } catch (error) {
        if (!(BrokerError.isInstance(error) && (error as BrokerError).kind === "not_found")) throw error;
      }
      const intent = journal.get(order.clientOrderId);
      if (intent !== undefined && intent.status === "open") intent.status = "cancelled";
    }
    return true;
  } catch (error) {
    if (BrokerError.isInstance(error) && (error as BrokerError).kind === "transient") {
      reportError(error, run, "cancelling the halted run's orders; tried again next tick");
      return false;
    }
    throw error;
  }
}
