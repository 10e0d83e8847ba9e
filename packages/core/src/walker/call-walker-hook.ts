import { CandlewickError } from "../errors/candlewick-error.js";
import type { EventBus } from "../events/event-bus.js";

/**
 * Calls a walker callback and waits for it; a throw or rejection is reported on the error stream (naming the
 * walker and the hook) and the walker goes on.
 */
export async function callWalkerHook<A extends unknown[]>(
  events: EventBus,
  walkerName: string,
  hook: string,
  fn: ((...args: A) => unknown) | undefined,
  ...args: A
): Promise<void> {
  if (fn === undefined) return;
  try {
    await fn(...args);
  } catch (error) {
    events.error.next(
      new CandlewickError(
        "WALKER_CALLBACK_ERROR",
        `[core] walker "${walkerName}": callbacks.${hook} threw: ${error instanceof Error ? error.message : String(error)}`,
        {
          details: { walkerName, hook },
          cause: error,
        },
      ),
    );
  }
}
