import { CandlewickError } from "../errors/candlewick-error.js";

/** An error as it crosses a thread boundary: plain data. */
export interface SerializedError {
  readonly name: string;
  readonly message: string;
  readonly code?: string;
  readonly details?: Readonly<Record<string, unknown>>;
}

/** Turns any thrown value into plain data; `details` are kept only when they are JSON. */
export function serializeError(error: unknown): SerializedError {
  if (!(error instanceof Error)) return { name: "Error", message: String(error) };
  const serialized: { name: string; message: string; code?: string; details?: Record<string, unknown> } = {
    name: error.name,
    message: error.message,
  };
  if (CandlewickError.isInstance(error)) {
    serialized.code = error.code;
    try {
      serialized.details = JSON.parse(JSON.stringify(error.details)) as Record<string, unknown>;
    } catch {
      // Details that are not JSON stay behind; the message carries the facts.
    }
  }
  return serialized;
}

/** Rebuilds a thrown-in-a-worker error as a `CandlewickError` keeping its name, code and details. */
export function deserializeError(serialized: SerializedError, message = serialized.message): CandlewickError {
  const error = new CandlewickError(serialized.code ?? "WORKER_ERROR", message, {
    details: { ...serialized.details, thread: "walker worker" },
  });
  error.name = serialized.name;
  return error;
}
