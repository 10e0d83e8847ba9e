import type { SignalDto } from "@candlewick/core";

/** The signal part of a decision, as plain data: what was asked for (`id` left out: it names the run). */
export type DecidedSignal = Omit<SignalDto, "id">;

/** What a strategy's `getSignal` decided at one time: a signal, nothing (`null`), or an error it threw. */
export interface Decision {
  /** The tick's time, epoch ms. */
  readonly time: number;
  readonly signal: DecidedSignal | null;
  /** The message of the error `getSignal` threw, if it threw. */
  readonly error?: string;
}

/** The decision `getSignal` returned, as comparable plain data. */
export function decisionOf(time: number, output: SignalDto | null | undefined): Decision {
  if (output === null || output === undefined) return { time, signal: null };
  const { id: _id, ...signal } = output;
  return { time, signal };
}

/** The decision of a `getSignal` that threw. */
export function failedDecision(time: number, error: unknown): Decision {
  return { time, signal: null, error: error instanceof Error ? error.message : String(error) };
}

/** True when two decisions ask for the same thing: same error, or same signal field for field. */
export function sameDecision(a: Decision, b: Decision): boolean {
  return a.error === b.error && canonical(a.signal) === canonical(b.signal);
}

/** One line for a report: `long @ market tp 101.5 sl 99`, `no signal`, `error: ...`. */
export function describeDecision(decision: Decision): string {
  if (decision.error !== undefined) return `error: ${decision.error}`;
  const signal = decision.signal;
  if (signal === null) return "no signal";
  const entry = signal.priceOpen === undefined ? "market" : price(signal.priceOpen);
  return `${signal.position} @ ${entry} tp ${price(signal.priceTakeProfit)} sl ${price(signal.priceStopLoss)}`;
}

/** Twelve significant digits: enough for any price, without the binary noise of `110566.07100000001`. */
function price(value: number): string {
  return String(Number(value.toPrecision(12)));
}

/** JSON with sorted keys, so field order does not make two equal signals differ. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner !== null && typeof inner === "object" && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)))
      : inner,
  );
}
