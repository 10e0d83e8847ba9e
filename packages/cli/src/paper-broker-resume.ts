import type { OrderIntent, PaperBroker } from "@candlewick/core";

/**
 * Rebuilds a fresh paper broker from a resumed run's order journal. The paper broker lives in memory and a restart
 * starts it empty, while the saved journal still holds the filled entry of an open position: reconciliation would
 * then find a position the venue does not hold and stop the run. Replaying the journal's filled and resting
 * orders (same client ids, at the prices they filled at) gives the paper venue exactly what the run recorded.
 * Closed trades are pruned from the journal, so the paper cash restarts without their PnL. A state that is not
 * shaped as expected is left to core, which refuses it with `BAD_LIVE_STATE` naming the field.
 */
export async function replayJournalOnPaper(broker: PaperBroker, stored: unknown): Promise<number> {
  const orders = (stored as { orders?: unknown } | null | undefined)?.orders;
  if (!Array.isArray(orders)) return 0;
  let replayed = 0;
  for (const intent of orders as OrderIntent[]) {
    if (intent?.status !== "filled" && intent?.status !== "open") continue;
    const price = averageFillPrice(intent);
    await broker.createOrder({
      ...intent.request,
      ...(price === undefined ? {} : { expectedPrice: price }),
    });
    replayed++;
  }
  return replayed;
}

function averageFillPrice(intent: OrderIntent): number | undefined {
  let quantity = 0;
  let value = 0;
  for (const fill of intent.fills ?? []) {
    quantity += fill.quantity;
    value += fill.quantity * fill.price;
  }
  return quantity > 0 ? value / quantity : undefined;
}
