import type { StateSlot } from "../persist/state-slot.js";
import type { LiveState } from "./live-state.js";

/** Writes a live run's state to its slot, skipping a state equal to the last one written or restored. */
export interface LiveStateWriter {
  /**
   * Writes `state` unless it serialises to the text last written. Returns undefined when nothing was written, so
   * the tick loop awaits nothing on an unchanged state.
   */
  write(state: LiveState): Promise<void> | undefined;
  /** Takes a restored state as the last one written: rewriting it would change nothing. */
  restored(state: LiveState): void;
}

/**
 * The live loop's state writes. The state is serialised once, and that text is both compared with the last write
 * and, for adapters that keep text, what is stored (`StateSlot.writeText`); the last text counts as written only
 * once its write resolved, so a failed write is tried again by the next one.
 */
export function createLiveStateWriter(slot: StateSlot): LiveStateWriter {
  let lastWritten = "";
  return {
    write(state) {
      const text = JSON.stringify(state);
      if (text === lastWritten) return undefined;
      return slot.writeText(text).then(() => {
        lastWritten = text;
      });
    },
    restored(state) {
      lastWritten = JSON.stringify(state);
    },
  };
}
