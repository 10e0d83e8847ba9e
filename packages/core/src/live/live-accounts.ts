import type { EngineState } from "../engine/engine-state.js";
import { InvalidArgumentError } from "../errors/invalid-argument-error.js";
import type { AccountHolding } from "../kernel/account/account.js";
import { LedgerAccount } from "../kernel/account/ledger-account.js";
import type { RunContext } from "../kernel/run-context.js";

// Per engine and exchange: an engine's live runs on one exchange trade one venue account.
const accounts = new WeakMap<EngineState, Map<string, LedgerAccount>>();

/** A run's place in its shared live account; `leave` when the run ends. */
export interface LiveAccountSeat {
  readonly account: LedgerAccount;
  /** The ledger key of the run: its strategy and symbol. */
  readonly key: string;
  leave(holding: AccountHolding): void;
}

/**
 * The account the engine's live runs on `run`'s exchange share (cash, positions, day PnL), so risk limits such as
 * `maxConcurrentPositions` hold across symbols live as in a portfolio backtest. It starts with the first run's
 * `initialCapital` and `allowMargin`; a run whose config says otherwise is refused, naming the field. It goes away
 * with its last run, and the next start rebuilds it from the runs' persisted ledgers.
 */
export function liveAccountSeat(run: RunContext, component: string): LiveAccountSeat {
  let byExchange = accounts.get(run.engine);
  if (byExchange === undefined) {
    byExchange = new Map();
    accounts.set(run.engine, byExchange);
  }
  const { initialCapital, allowMargin } = run.config;
  let account = byExchange.get(run.exchangeName);
  if (account === undefined) {
    account = new LedgerAccount(initialCapital, allowMargin);
    byExchange.set(run.exchangeName, account);
  } else if (account.initialCapital !== initialCapital || account.allowMargin !== allowMargin) {
    const field = account.initialCapital !== initialCapital ? "initialCapital" : "allowMargin";
    throw new InvalidArgumentError(
      component,
      `config.${field}`,
      run.config[field],
      `${String(account[field])}, as for the live runs already trading the shared account of exchange "${run.exchangeName}"`,
    );
  }
  const shared = account;
  const map = byExchange;
  return {
    account: shared,
    key: `${run.strategyName}\u0000${run.symbol}`,
    leave(holding) {
      shared.leave(holding);
      if (shared.size === 0 && map.get(run.exchangeName) === shared) map.delete(run.exchangeName);
    },
  };
}
