import type { Decision } from "./decision.js";

/**
 * Up to `count` of the decisions, spread evenly and in time order: signals first (up to half the samples, or
 * more when there are few no-signal decisions), because a look-ahead usually shows in what a strategy does.
 */
export function sampleDecisions(decisions: readonly Decision[], count: number): Decision[] {
  if (count >= decisions.length) return [...decisions];
  const signals = decisions.filter((decision) => decision.signal !== null);
  const others = decisions.filter((decision) => decision.signal === null);
  const signalCount = Math.min(signals.length, Math.max(Math.ceil(count / 2), count - others.length));
  return [...spread(signals, signalCount), ...spread(others, count - signalCount)].sort(
    (a, b) => a.time - b.time,
  );
}

/** `count` items of `items`, evenly spaced, the first and the last included. */
function spread<T>(items: readonly T[], count: number): T[] {
  if (count <= 0) return [];
  if (count >= items.length) return [...items];
  if (count === 1) return [items[0]!];
  const step = (items.length - 1) / (count - 1);
  return Array.from({ length: count }, (_, i) => items[Math.round(i * step)]!);
}
