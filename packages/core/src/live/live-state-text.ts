import type { LiveState } from "./live-state.js";

// Stands for the signal row in the text of the rest of the state. JSON escapes the control characters, so only a
// string value equal to it could put the same text there: that is checked, and the state then serialised whole.
const ROW_MARK = "\u0001candlewick-signal-row\u0001";
const ROW_MARK_TEXT = JSON.stringify(ROW_MARK);

/**
 * `JSON.stringify` of a live run's successive states, reusing the text of the signal row while the row is
 * unchanged. A tick with a position open changes a few numbers of the runner (where the scan is, the extremes) but
 * rarely the row, whose prices and fills are most of the text and most of the cost of making it.
 */
export class LiveStateText {
  private rowText = "";
  /** `JSON.parse(rowText)`: our own copy to compare the next row with, shared with nothing that could change it. */
  private rowCopy: unknown = undefined;

  /** Exactly `JSON.stringify(state)`. */
  of(state: LiveState): string {
    const row = state.runner.signal;
    if (row === null) return JSON.stringify(state);
    if (this.rowCopy === undefined || !sameJson(row, this.rowCopy)) {
      this.rowText = JSON.stringify(row);
      this.rowCopy = JSON.parse(this.rowText);
    }
    const rest = JSON.stringify({ ...state, runner: { ...state.runner, signal: ROW_MARK } });
    const at = rest.indexOf(ROW_MARK_TEXT);
    if (at < 0 || rest.includes(ROW_MARK_TEXT, at + 1)) return JSON.stringify(state);
    return rest.slice(0, at) + this.rowText + rest.slice(at + ROW_MARK_TEXT.length);
  }
}

/**
 * True only if `JSON.stringify(value) === JSON.stringify(copy)`, where `copy` came out of `JSON.parse`. Anything
 * JSON would turn into something else (NaN, Infinity, undefined in an array, `toJSON`) counts as different, so the
 * row is serialised again rather than trusted.
 */
export function sameJson(value: unknown, copy: unknown): boolean {
  if (value === copy) return typeof value !== "number" || Number.isFinite(value);
  if (typeof value !== "object" || value === null || typeof copy !== "object" || copy === null) return false;
  if (Array.isArray(value)) {
    if (!Array.isArray(copy) || value.length !== copy.length) return false;
    for (let i = 0; i < value.length; i++) if (!sameJson(value[i], copy[i])) return false;
    return true;
  }
  if (Array.isArray(copy) || typeof (value as { toJSON?: unknown }).toJSON === "function") return false;
  const copyKeys = Object.keys(copy);
  let matched = 0;
  for (const key of Object.keys(value)) {
    const item = (value as Record<string, unknown>)[key];
    // Left out by JSON.stringify, as by JSON.parse's copy.
    if (item === undefined || typeof item === "function" || typeof item === "symbol") continue;
    if (copyKeys[matched] !== key || !sameJson(item, (copy as Record<string, unknown>)[key])) return false;
    matched++;
  }
  return matched === copyKeys.length;
}
