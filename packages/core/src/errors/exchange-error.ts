import { CandlewickError } from "./candlewick-error.js";

/** A failure of an exchange or data source. `isRetryable` tells the loops whether to try again with backoff. */
export class ExchangeError extends CandlewickError {
  readonly exchangeName: string;
  readonly symbol: string | undefined;
  readonly isRetryable: boolean;

  constructor(
    exchangeName: string,
    message: string,
    options: {
      symbol?: string;
      isRetryable?: boolean;
      cause?: unknown;
      details?: Record<string, unknown>;
    } = {},
  ) {
    super("EXCHANGE_ERROR", `[${exchangeName}] ${message}`, {
      details: { exchangeName, symbol: options.symbol, ...options.details },
      cause: options.cause,
    });
    this.exchangeName = exchangeName;
    this.symbol = options.symbol;
    this.isRetryable = options.isRetryable ?? false;
  }
}
