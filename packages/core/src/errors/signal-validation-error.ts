import { CandlewickError } from "./candlewick-error.js";

/** `getSignal` returned a signal the engine refused. The run goes on with no position. */
export class SignalValidationError extends CandlewickError {
  readonly symbol: string;
  readonly strategyName: string;
  readonly field: string;

  constructor(strategyName: string, symbol: string, field: string, reason: string) {
    super("INVALID_SIGNAL", `[core] strategy "${strategyName}" on ${symbol}: signal rejected: ${reason}`, {
      details: { strategyName, symbol, field },
    });
    this.symbol = symbol;
    this.strategyName = strategyName;
    this.field = field;
  }
}
