import { InvalidArgumentError } from "@candlewick/core";

/** A time span `[startMs, endMs)`. */
export interface TimeSpan {
  readonly startMs: number;
  readonly endMs: number;
}

/** One fold of a walk-forward: optimise on `inSample`, then trade the best parameters on `outOfSample`. */
export interface WalkForwardWindow {
  readonly index: number;
  readonly inSample: TimeSpan;
  readonly outOfSample: TimeSpan;
}

/**
 * How the history is cut. `rolling`: every in-sample span has the same length and moves forward by one
 * out-of-sample length. `anchored`: every in-sample span starts at `startMs` and grows by one out-of-sample
 * length. Either way the out-of-sample spans follow each other without gap or overlap, so their trades can be
 * stitched into one record.
 */
export interface WalkForwardWindowsOptions {
  readonly mode: "rolling" | "anchored";
  readonly startMs: number;
  readonly endMs: number;
  /** Length of the (first) in-sample span. */
  readonly inSampleMs: number;
  readonly outOfSampleMs: number;
}

/**
 * The folds that fit in `[startMs, endMs)`: fold i has its out-of-sample span at
 * `startMs + inSampleMs + i · outOfSampleMs`, as many as end by `endMs` (a shorter tail is left out).
 * @throws InvalidArgumentError for a bad option, or a history too short for one fold.
 */
export function walkForwardWindows(options: WalkForwardWindowsOptions): WalkForwardWindow[] {
  const component = "walkForwardWindows";
  const { mode, startMs, endMs, inSampleMs, outOfSampleMs } = options;
  if (mode !== "rolling" && mode !== "anchored") {
    throw new InvalidArgumentError(component, "mode", mode, '"rolling" or "anchored"');
  }
  for (const [field, value] of [
    ["startMs", startMs],
    ["endMs", endMs],
  ] as const) {
    if (!Number.isSafeInteger(value)) throw new InvalidArgumentError(component, field, value, "epoch ms");
  }
  for (const [field, value] of [
    ["inSampleMs", inSampleMs],
    ["outOfSampleMs", outOfSampleMs],
  ] as const) {
    if (!Number.isSafeInteger(value) || value <= 0) {
      throw new InvalidArgumentError(component, field, value, "a positive whole number of ms");
    }
  }
  if (startMs + inSampleMs + outOfSampleMs > endMs) {
    throw new InvalidArgumentError(
      component,
      "endMs",
      endMs,
      `at least startMs + inSampleMs + outOfSampleMs (${startMs + inSampleMs + outOfSampleMs}): one fold must fit`,
    );
  }
  const windows: WalkForwardWindow[] = [];
  for (let index = 0; ; index++) {
    const outStart = startMs + inSampleMs + index * outOfSampleMs;
    const outEnd = outStart + outOfSampleMs;
    if (outEnd > endMs) break;
    const inStart = mode === "rolling" ? outStart - inSampleMs : startMs;
    windows.push({
      index,
      inSample: { startMs: inStart, endMs: outStart },
      outOfSample: { startMs: outStart, endMs: outEnd },
    });
  }
  return windows;
}
