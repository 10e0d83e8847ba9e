import type { WalkerData } from "../walker/walker-data.js";
import type { WalkerProgress } from "../walker/walker-progress.js";
import { subscribeQueued } from "./queued-listener.js";
import { walkerEvents } from "./walker-events.js";

/** Walker progress after each tested strategy. Returns an unsubscribe function. */
export function listenWalker(listener: (event: WalkerProgress) => unknown): () => void {
  return subscribeQueued(walkerEvents.progress, listener, { name: "listenWalker" });
}

/** A walker run finished testing every strategy; receives the same data as `Walker.getData(walkerName, symbol)`. */
export function listenWalkerComplete(listener: (event: WalkerData) => unknown): () => void {
  return subscribeQueued(walkerEvents.complete, listener, { name: "listenWalkerComplete" });
}
