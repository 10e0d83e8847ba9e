import { Subject } from "rxjs";
import type { WalkerData } from "../walker/walker-data.js";
import type { WalkerProgress } from "../walker/walker-progress.js";

/** The walker's event streams (kept apart from `eventBus` so the core bus stays small). */
export const walkerEvents = {
  /** After each strategy of a walker run. */
  progress: new Subject<WalkerProgress>(),
  /** A walker run tested every strategy. */
  complete: new Subject<WalkerData>(),
};
