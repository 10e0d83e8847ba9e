import type { StateSlot } from "../persist/state-slot.js";
import { JsonTextMemo } from "./json-text-memo.js";
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
 * The live loop's state writes. The state's JSON text is kept up to date part by part (`JsonTextMemo`), which also
 * tells whether it changed; that text is what is stored (`StateSlot.writeText`). A state counts as written only
 * once its write resolved, so after a failed write the next one is made even if nothing changed since.
 */
export function createLiveStateWriter(slot: StateSlot): LiveStateWriter {
  const memo = new JsonTextMemo();
  // Bumped whenever the text changes; `written` is the version the store holds.
  let version = 0;
  let written = -1;
  return {
    write(state) {
      if (memo.update(state)) version++;
      if (version === written) return undefined;
      const writing = version;
      return slot.writeText(memo.text).then(() => {
        written = writing;
      });
    },
    restored(state) {
      if (memo.update(state)) version++;
      written = version;
    },
  };
}
