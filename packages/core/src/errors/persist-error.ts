import { CandlewickError } from "./candlewick-error.js";

/** Persistence failed (I/O, corrupt data, lost connection). Persistence fails closed: this is never swallowed. */
export class PersistError extends CandlewickError {
  readonly adapter: string;
  /** File path, Redis key or other location the failure is about. */
  readonly location: string | undefined;

  constructor(adapter: string, message: string, options: { location?: string; cause?: unknown } = {}) {
    super("PERSIST_ERROR", `[persist-${adapter}] ${message}`, {
      details: { adapter, location: options.location },
      cause: options.cause,
    });
    this.adapter = adapter;
    this.location = options.location;
  }
}
