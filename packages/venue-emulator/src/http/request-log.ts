import type { FaultKind } from "./faults.js";

/** What happened to a request: answered, or lost to a fault. */
export type RequestOutcome = "answered" | "dropped" | "hung" | "reset";

/** One request as the venue saw it. Secrets never appear: the signature and API key are redacted. */
export interface LoggedRequest {
  readonly seq: number;
  /** The venue's clock when the request arrived. */
  readonly venueTime: number;
  readonly method: string;
  readonly path: string;
  readonly params: Readonly<Record<string, string>>;
  /** The HTTP status sent, or that would have been sent when the response was dropped or hung. */
  readonly status: number | undefined;
  /** Binance's error code when the answer was an error. */
  readonly binanceCode: number | undefined;
  readonly outcome: RequestOutcome;
  /** Whether the request reached the matching engine (an order can be placed yet its answer lost). */
  readonly applied: boolean;
  readonly fault: FaultKind | undefined;
}

const REDACTED_PARAMS = new Set(["signature", "listenKey"]);

/** The request's params with the signature (and listen keys) masked. */
export function redactParams(params: URLSearchParams): Record<string, string> {
  const shown: Record<string, string> = {};
  for (const [key, value] of params) shown[key] = REDACTED_PARAMS.has(key) ? "[redacted]" : value;
  return shown;
}
