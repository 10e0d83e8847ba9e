import { alignDown, INTERVAL_MS } from "../candles/interval.js";
import { currentContext, runInContext } from "../context/execution-context.js";
import { CandlewickError } from "../errors/candlewick-error.js";
import { InvalidArgumentError } from "../errors/invalid-argument-error.js";
import { SignalValidationError } from "../errors/signal-validation-error.js";
import { reportError } from "../events/report-error.js";
import type { LevelChange, PositionFill, PositionSnapshot, ResolvedRung } from "../spec/position.js";
import type { RiskPosition } from "../spec/risk.js";
import type { SignalDto, SignalRow } from "../spec/signal.js";
import type {
  CancelledResult,
  ClosedResult,
  OpenedResult,
  ScheduledResult,
  SignalEvent,
  VenueRejection,
} from "../spec/tick-result.js";
import { Account, type AccountHolding } from "./account/account.js";
import { checkRisks, rejectEntry } from "./account/entry-gate.js";
import { fillModelScanner } from "./fill/fill-model.js";
import { assertMarketInsideBracket, reachedLimitPrice } from "./fill/marketable-limit.js";
import { type Extremes, type FirstCandle, MINUTE_MS, type ScanOutcome } from "./fill/scan-types.js";
import { computePnlPercentage, roundTripCostPercent } from "./pnl.js";
import { formatSignalPrices } from "./position/format-prices.js";
import { formatQuantities } from "./position/format-quantities.js";
import type { PositionCommands } from "./position/position-commands.js";
import { exitGain, makeFill } from "./position/position-fill.js";
import { positionTotals } from "./position/position-totals.js";
import { replayFills } from "./position/replay-fills.js";
import { entryQuantity } from "./position/size-entry.js";
import { upgradeRow } from "./position/upgrade-row.js";
import type { RunContext } from "./run-context.js";
import { isThenable, settleWithin } from "./settle-within.js";
import { createSignalId } from "./signal-id.js";
import { type ValidSignal, validateSignal } from "./validate-signal.js";

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** The row as the runner mutates it: its fill and level lists grow in place. */
type PositionRow = Omit<Mutable<SignalRow>, "entries" | "exits" | "levelChanges" | "ladder"> & {
  entries: PositionFill[];
  exits: PositionFill[];
  levelChanges: LevelChange[];
  ladder?: ResolvedRung[];
};

/** Time of the latest of a row's fills (0 without any). */
function latestFill(entries: readonly PositionFill[], exits: readonly PositionFill[]): number {
  let latest = 0;
  for (const fill of entries) if (fill.timestamp > latest) latest = fill.timestamp;
  for (const fill of exits) if (fill.timestamp > latest) latest = fill.timestamp;
  return latest;
}

/** Below this share of the entered quantity, what is left after partial exits counts as nothing. */
const DUST = 1e-9;

/** A `getSignal` that did not settle in time: reported like a rejection, and the run goes on. */
function getSignalTimeout(run: RunContext, when: number): CandlewickError {
  const time = new Date(when).toISOString();
  const ms = run.config.getSignalTimeoutMs;
  return new CandlewickError(
    "STRATEGY_TIMEOUT",
    `[core] strategy "${run.strategyName}" on ${run.symbol}: getSignal at ${time} did not settle within ${ms} ms (getSignalTimeoutMs); no signal at that tick`,
    {
      details: {
        strategyName: run.strategyName,
        symbol: run.symbol,
        exchangeName: run.exchangeName,
        when: time,
        timeoutMs: ms,
      },
    },
  );
}

/** Where a (strategy, symbol) pair is in the signal lifecycle. */
export type RunnerPhase = "idle" | "scheduled" | "opened";

/** Everything needed to resume a runner after a restart (JSON-serialisable). */
export interface RunnerSnapshot {
  readonly phase: RunnerPhase;
  readonly signal: SignalRow | null;
  /** Open time of the next 1m candle to examine. */
  readonly scanFrom: number;
  readonly firstCandle: FirstCandle;
  readonly extremes: Extremes;
  /** Start of the strategy interval `getSignal` last ran in (null before the first call). */
  readonly lastSignalBucket: number | null;
  /** Since when nothing has been open or scheduled (null before the first tick). */
  readonly idleSince: number | null;
  /** Cost basis still held (quote): Σ entry value minus what exits released. Absent in state written before 0.2. */
  readonly basis?: number;
  /** Start of the strategy interval `onOpenInterval` last ran in. */
  readonly hookBucket?: number | null;
}

/**
 * The signal lifecycle of one strategy on one symbol: idle → scheduled → opened → closed, or scheduled →
 * cancelled. Backtest and live drive the very same object: `requestSignal(when)` asks the strategy,
 * `advance(until)` runs the fill model over the 1m candles that have closed, and both return the lifecycle
 * events in order. Nothing here awaits except a strategy's own asynchronous `getSignal`.
 */
export class SignalRunner implements AccountHolding, PositionCommands {
  phase: RunnerPhase = "idle";
  private row: PositionRow | null = null;
  /** Remaining cost basis of the open position (quote). */
  private basis = 0;
  private readonly hasHook: boolean;
  /** Start of the strategy interval `onOpenInterval` last ran in (or the signal was accepted in). */
  private hookBucket = Number.NaN;
  /** Where commands put their lifecycle events while a hook runs (null outside a hook). */
  private commandOut: SignalEvent[] | null = null;
  private commandTime = 0;
  /** A signal `commitCreateSignal` queued: used at the next idle tick instead of asking `getSignal`. */
  private queued: SignalDto | null = null;
  /** The capital the run trades with (its own, or a portfolio's). */
  readonly account: Account;
  private scanFrom = 0;
  private firstCandle: FirstCandle = "full";
  private extremes: Extremes = { best: 0, worst: 0 };
  private lastSignalBucket = Number.NaN;
  private idleSince = Number.NaN;
  /** See {@link SignalRunner.revision}. */
  private changes = 0;
  /** The ids strategies gave their signals in this run (engine-made ids are unique by construction). */
  private readonly strategyIds = new Set<string>();
  private readonly strategyStep: number;
  private readonly scanner;
  /** `intervalGate: "bucket"`: any interval not yet asked in counts, also one that began before the idle spell. */
  private readonly anyBucket: boolean;

  /**
   * @param closeAt From this time on, a signal still open is closed (`time_expired`) and a scheduled one is
   *   cancelled (`timeout`): a backtest's frame end under `closeAtFrameEnd`. Default: never.
   */
  constructor(
    private readonly run: RunContext,
    private readonly closeAt = Number.POSITIVE_INFINITY,
    account?: Account,
  ) {
    this.account = account ?? new Account(run.config.initialCapital, run.config.allowMargin);
    this.strategyStep = INTERVAL_MS[run.strategy.interval];
    this.scanner = fillModelScanner(run.config.fillModel);
    this.anyBucket = run.config.intervalGate === "bucket";
    this.hasHook = typeof run.strategy.onOpenInterval === "function";
  }

  /**
   * True when `getSignal` should run at `when`: nothing is open or scheduled, and `when` is the first tick at or
   * after a strategy-interval boundary that passed while idle. A boundary that passed while a signal was open
   * (or before the run started) is skipped: a 15m strategy is asked at :00, :15, :30 and :45, never at :37.
   */
  wantsSignal(when: number): boolean {
    if (this.phase !== "idle") return false;
    if (Number.isNaN(this.idleSince)) {
      this.idleSince = when;
      this.changes++;
    }
    if (this.queued !== null) return true;
    const boundary = alignDown(when, this.strategyStep);
    return boundary !== this.lastSignalBucket && (this.anyBucket || boundary >= this.idleSince);
  }

  /** The earliest time a backtest may ask again after a signal closed or was cancelled at `closeTimestamp`. */
  resumeTime(closeTimestamp: number): number {
    return closeTimestamp + this.scanner.decisionDelayMs;
  }

  /** Start of the next strategy interval after `when`: the earliest time `getSignal` can run again. */
  nextSignalTime(when: number): number {
    return alignDown(when, this.strategyStep) + this.strategyStep;
  }

  /**
   * Asks the strategy for a signal at `when` and, if it is valid, opens or schedules it. Synchronous when
   * `getSignal` is; a promise otherwise. Errors and rejected signals go to the error stream and yield null.
   */
  requestSignal(when: number): SignalEvent | null | Promise<SignalEvent | null> {
    const { run } = this;
    const store = run.minuteFeed.store;
    const closedEnd = store.lowerBound(when - MINUTE_MS + 1);
    // No trading on a stale price: the 1m candle that closes at `when` must exist (it does not in an exchange
    // halt, after the end of the data, or live before the exchange publishes it). The boundary stays unasked,
    // so the next tick with a fresh candle asks.
    if (closedEnd === 0 || store.timestamp[closedEnd - 1] !== when - MINUTE_MS) return null;
    this.lastSignalBucket = alignDown(when, this.strategyStep);
    const price = this.scanner.marketPrice(store, closedEnd, run.config.vwapCandles);
    if (this.queued !== null) {
      const dto = this.queued;
      this.queued = null;
      return this.accept(dto, when, price);
    }
    let output: ReturnType<typeof run.strategy.getSignal>;
    try {
      output = runInContext({ symbol: run.symbol, when, backtest: run.backtest, run, position: this }, () =>
        run.strategy.getSignal(run.symbol, new Date(when)),
      );
    } catch (error) {
      reportError(error, run, `getSignal threw at ${new Date(when).toISOString()}`);
      return null;
    }
    // Any thenable is awaited, not only a native promise: another library's promise is not a signal.
    if (isThenable(output)) {
      return settleWithin<unknown, SignalEvent | null | Promise<SignalEvent | null>>(
        output,
        run.config.getSignalTimeoutMs,
        () => getSignalTimeout(run, when),
        (dto) => this.accept(dto as SignalDto | null | undefined, when, price),
        (error: unknown) => {
          reportError(error, run, `getSignal rejected at ${new Date(when).toISOString()}`);
          return null;
        },
      ) as Promise<SignalEvent | null>;
    }
    return this.accept(output as SignalDto | null | undefined, when, price);
  }

  private accept(
    dto: SignalDto | null | undefined,
    when: number,
    price: number,
  ): SignalEvent | null | Promise<SignalEvent | null> {
    if (dto === null || dto === undefined) return null;
    const { run } = this;
    let valid: ReturnType<typeof validateSignal>;
    try {
      const limit = run.config.marketableLimitPrice === "limit" ? reachedLimitPrice(dto, price) : undefined;
      valid = validateSignal(dto, limit ?? price, run.config, run.strategyName, run.symbol);
      if (limit !== undefined) assertMarketInsideBracket(valid, price, run.strategyName, run.symbol);
    } catch (error) {
      reportError(error, run);
      return null;
    }
    if (valid.id !== undefined) {
      // Ids key reports, journals and a consumer's own records: a reused one would merge two trades.
      if (this.strategyIds.has(valid.id)) {
        reportError(
          new SignalValidationError(
            run.strategyName,
            run.symbol,
            "id",
            `"id" ${JSON.stringify(valid.id)} was already used by an earlier signal of this run; expected a new id per signal (or none: the engine makes one)`,
          ),
          run,
        );
        return null;
      }
      this.strategyIds.add(valid.id);
    }
    if (!run.config.formatSignalPrices) return this.size(valid, when, price);
    let priced: ValidSignal | Promise<ValidSignal>;
    try {
      priced = formatSignalPrices(run.exchange, run.strategyName, run.symbol, valid);
    } catch (error) {
      reportError(error, run);
      return null;
    }
    if (priced instanceof Promise) {
      return priced.then(
        (rounded) => this.size(rounded, when, price),
        (error: unknown) => {
          reportError(error, run);
          return null;
        },
      );
    }
    return this.size(priced, when, price);
  }

  /** Sizes the entry (quantity, ladder rungs) through the exchange's precision; then admits it. */
  private size(
    valid: ValidSignal,
    when: number,
    price: number,
  ): SignalEvent | null | Promise<SignalEvent | null> {
    const { run } = this;
    const { config } = run;
    const sizing = run.strategy.sizing ?? config.sizing;
    // Marking every position of a shared account (200 live runs) costs; only equity-based sizing reads it.
    const needsEquity =
      valid.quantity === undefined && valid.cost === undefined && sizing.kind !== "fixed-cost";
    const quantity = entryQuantity({
      position: valid.position,
      entryPrice: valid.priceOpen,
      priceStopLoss: valid.priceStopLoss,
      cost: valid.cost,
      quantity: valid.quantity,
      sizing,
      equity: needsEquity ? this.account.equity(when) : Number.NaN,
      costs: config,
    });
    const rungs = valid.rules?.takeProfitLadder;
    const raw = [quantity];
    if (rungs !== undefined) for (const rung of rungs) raw.push(rung.fraction * quantity);
    let formatted: number[] | Promise<number[]>;
    try {
      formatted = formatQuantities(run.exchange, run.strategyName, run.symbol, raw);
    } catch (error) {
      reportError(error, run);
      return null;
    }
    if (formatted instanceof Promise) {
      return formatted.then(
        (q) => this.admit(valid, when, price, q),
        (error: unknown) => {
          reportError(error, run);
          return null;
        },
      );
    }
    return this.admit(valid, when, price, formatted);
  }

  /** Checks the sized entry against the account and the run's risks, then schedules or opens it. */
  private admit(valid: ValidSignal, when: number, price: number, quantities: number[]): SignalEvent | null {
    const { run } = this;
    const quantity = quantities[0]!;
    const entry = makeFill(valid.position, "entry", "open", when, valid.priceOpen, quantity, run.config);
    const candidate = this.candidate(valid, quantity, entry.value);
    const verdict =
      this.account.checkCash(entry.value + this.account.reserved(), entry.fee) ??
      checkRisks(run, this.account, candidate, when);
    if (verdict !== null) {
      rejectEntry(run, this.account, verdict, candidate, when);
      return null;
    }
    const rungs = valid.rules?.takeProfitLadder ?? [];
    this.row = {
      id:
        valid.id ??
        createSignalId(run.backtest, run.strategyName, run.exchangeName, run.frameName, run.symbol, when),
      symbol: run.symbol,
      strategyName: run.strategyName,
      exchangeName: run.exchangeName,
      frameName: run.frameName,
      position: valid.position,
      priceOpen: valid.priceOpen,
      priceTakeProfit: valid.priceTakeProfit,
      priceStopLoss: valid.priceStopLoss,
      originalPriceTakeProfit: valid.priceTakeProfit,
      originalPriceStopLoss: valid.priceStopLoss,
      quantity,
      entries: [],
      exits: [],
      levelChanges: [],
      minuteEstimatedTime: valid.minuteEstimatedTime,
      ...(valid.note === undefined ? {} : { note: valid.note }),
      ...(valid.rules === undefined ? {} : { rules: valid.rules }),
      ...(rungs.length === 0
        ? {}
        : { ladder: rungs.map((_, i) => ({ price: 0, quantity: quantities[i + 1]!, filled: false })) }),
      scheduledAt: when,
      pendingAt: valid.scheduled ? 0 : when,
    };
    this.basis = 0;
    this.changes++;
    this.account.hold(this);
    this.scanFrom = when;
    this.hookBucket = alignDown(when, this.strategyStep);
    if (valid.scheduled) {
      this.phase = "scheduled";
      return {
        action: "scheduled",
        ...this.identity(when, price),
        signal: this.publicRow(),
      } satisfies ScheduledResult;
    }
    this.open(when, valid.priceOpen, "full", when);
    return {
      action: "opened",
      ...this.identity(when, price),
      signal: this.publicRow(),
    } satisfies OpenedResult;
  }

  /** The entry as risks see it. Built in one literal: a spread followed by more keys is slow in V8. */
  private candidate(valid: ValidSignal, quantity: number, cost: number) {
    const { run } = this;
    return {
      symbol: run.symbol,
      strategyName: run.strategyName,
      exchangeName: run.exchangeName,
      position: valid.position,
      priceOpen: valid.priceOpen,
      priceTakeProfit: valid.priceTakeProfit,
      priceStopLoss: valid.priceStopLoss,
      quantity,
      cost,
      kind: "open" as const,
    };
  }

  /** A copy of the row for events and queries: later fills do not change what a listener was given. */
  private publicRow(): SignalRow {
    const row = this.row!;
    return {
      ...row,
      entries: row.entries.slice(),
      exits: row.exits.slice(),
      levelChanges: row.levelChanges.slice(),
      ...(row.ladder === undefined ? {} : { ladder: row.ladder.map((rung) => ({ ...rung })) }),
    };
  }

  /** The entry fills: the position's whole quantity at `price`, known at `knownAt`. */
  private open(pendingAt: number, price: number, firstCandle: FirstCandle, knownAt: number): void {
    const row = this.row!;
    this.changes++;
    row.pendingAt = pendingAt;
    row.priceOpen = price;
    this.phase = "opened";
    this.firstCandle = firstCandle;
    this.extremes = { best: price, worst: price };
    const fill = makeFill(row.position, "entry", "open", knownAt, price, row.quantity, this.run.config);
    row.entries.push(fill);
    this.basis += fill.value;
    this.account.entry(fill, this);
    if (row.ladder !== undefined) {
      const rungs = row.rules!.takeProfitLadder!;
      const sign = row.position === "long" ? 1 : -1;
      row.ladder = row.ladder.map((rung, i) => ({
        ...rung,
        price: price * (1 + (sign * rungs[i]!.distancePercent) / 100),
      }));
    }
  }

  /** Exits `quantity` at the raw `price`; the account gets the cash back. */
  private exit(reason: PositionFill["reason"], price: number, timestamp: number, quantity: number): void {
    const row = this.row!;
    const fill = makeFill(row.position, "exit", reason, timestamp, price, quantity, this.run.config);
    this.changes++;
    const released = (this.basis / row.quantity) * quantity;
    const gain = exitGain(row.position, this.basis, row.quantity, fill.fillPrice, quantity);
    row.exits.push(fill);
    this.basis -= released;
    row.quantity -= quantity;
    this.account.exit(fill, released, gain, this);
  }

  /** The position as risk checks see it (null while idle). */
  riskPosition(): RiskPosition | null {
    const row = this.row;
    if (row === null || this.phase === "idle") return null;
    const scheduled = this.phase === "scheduled";
    return {
      symbol: row.symbol,
      strategyName: row.strategyName,
      position: row.position,
      phase: scheduled ? "scheduled" : "opened",
      exposure: scheduled ? row.quantity * row.priceOpen : this.basis,
    };
  }

  openBasis(): number {
    return this.phase === "opened" ? this.basis : 0;
  }

  reservedCost(): number {
    return this.phase === "scheduled" ? this.row!.quantity * this.row!.priceOpen : 0;
  }

  /** What the open position is worth at the last close known at `when`, before exit costs (0 unless opened). */
  markValue(when: number): number {
    const row = this.row;
    if (row === null || this.phase !== "opened") return 0;
    const store = this.run.minuteFeed.store;
    const closed = store.lowerBound(when - MINUTE_MS + 1);
    const mark = closed > 0 ? store.close[closed - 1]! : row.priceOpen;
    return row.position === "long" ? mark * row.quantity : 2 * this.basis - mark * row.quantity;
  }

  /**
   * Runs the fill model over the 1m candles closed by `until` (Infinity: every candle loaded) and pushes the
   * lifecycle events it produces onto `out`. `dataEnded` says no later candle will ever come (end of a backtest's
   * data): a signal still undecided then expires if its time is up, or closes as `end_of_data`.
   */
  advance(until: number, dataEnded: boolean, out: SignalEvent[]): void {
    // Idle: nothing to scan. A live run calls this every tick, so the store is not searched for nothing.
    if (this.phase === "idle") return;
    const { run } = this;
    const store = run.minuteFeed.store;
    const end = until === Number.POSITIVE_INFINITY ? store.length : store.lowerBound(until - MINUTE_MS + 1);
    const { vwapCandles } = run.config;
    while ((this.phase as RunnerPhase) !== "idle") {
      const row = this.row!;
      const from = store.lowerBound(this.scanFrom);
      const isLong = row.position === "long";
      let outcome: ScanOutcome;
      let deadline: number;
      if (this.phase === "scheduled") {
        deadline = Math.min(row.scheduledAt + run.config.scheduleAwaitMinutes * MINUTE_MS, this.closeAt);
        outcome = this.scanner.scanScheduled(
          store,
          from,
          end,
          { isLong, priceOpen: row.priceOpen, priceStopLoss: row.priceStopLoss, cancelAt: deadline },
          vwapCandles,
        );
      } else {
        deadline = Math.min(row.pendingAt + row.minuteEstimatedTime * MINUTE_MS, this.closeAt);
        outcome =
          row.rules !== undefined
            ? this.scanOpenedWithRules(from, end, deadline, vwapCandles)
            : this.scanner.scanOpened(
                store,
                from,
                end,
                {
                  isLong,
                  priceTakeProfit: row.priceTakeProfit,
                  priceStopLoss: row.priceStopLoss,
                  expiresAt: deadline,
                  firstCandle: this.firstCandle,
                  extremes: this.extremes,
                },
                vwapCandles,
              );
      }
      switch (outcome.kind) {
        case "activated":
          this.open(outcome.timestamp, outcome.price, outcome.firstCandle, outcome.knownAt);
          this.scanFrom = outcome.resumeAt;
          out.push({
            action: "opened",
            ...this.identity(outcome.timestamp, outcome.price),
            signal: this.publicRow(),
          });
          continue;
        case "closed":
          out.push(this.closed(outcome.reason, outcome.price, outcome.timestamp));
          return;
        case "cancelled":
          out.push(this.cancelled(outcome.reason, outcome.timestamp));
          return;
        case "pending":
          break;
      }
      // Every candle up to `end` was examined without a decision.
      const lastSeen = end > 0 ? store.timestamp[end - 1]! : Number.NEGATIVE_INFINITY;
      const clockPassed = until !== Number.POSITIVE_INFINITY && until >= deadline;
      const dataPassed = dataEnded && lastSeen + MINUTE_MS >= deadline;
      if (clockPassed || dataPassed) {
        if (this.phase === "scheduled") out.push(this.cancelled("timeout", deadline));
        else {
          const closedByDeadline = store.lowerBound(deadline - MINUTE_MS + 1);
          out.push(
            this.closed(
              "time_expired",
              this.scanner.expiryPrice(store, closedByDeadline, vwapCandles),
              deadline,
            ),
          );
        }
        return;
      }
      if (dataEnded) {
        const decidedAt = Math.max(lastSeen + MINUTE_MS, this.scanFrom);
        const lastClose = end > 0 ? store.close[end - 1]! : row.priceOpen;
        if (this.phase === "scheduled") out.push(this.cancelled("end_of_data", decidedAt));
        else out.push(this.closed("end_of_data", lastClose, decidedAt));
        return;
      }
      if (end > from) {
        this.scanFrom = lastSeen + MINUTE_MS;
        this.firstCandle = "full";
      }
      return;
    }
  }

  /**
   * The open-position scan of a signal with rules (a ladder, a trailing stop, a breakeven): the fill model looks
   * at one candle at a time, with the next unfilled rung standing in for the take-profit; a rung it reports
   * hit is a partial exit and the same candle is looked at again for the next rung (price passes the nearer
   * rung first, so several can fill in one candle; a gap fills them at the open). After each candle the rules
   * move the stop from the best price seen so far, and the moved stop applies from the next candle: within a
   * candle the order of high and low is unknown, so the candle that raised a stop never hits it.
   */
  private scanOpenedWithRules(from: number, end: number, deadline: number, vwapCandles: number): ScanOutcome {
    const row = this.row!;
    const store = this.run.minuteFeed.store;
    const view = {
      isLong: row.position === "long",
      priceTakeProfit: row.priceTakeProfit,
      priceStopLoss: row.priceStopLoss,
      expiresAt: deadline,
      firstCandle: this.firstCandle,
      extremes: this.extremes,
    };
    const ladder = row.ladder;
    for (let i = from; i < end; i++) {
      for (;;) {
        const rung = ladder?.find((r) => !r.filled);
        view.priceTakeProfit = rung?.price ?? row.priceTakeProfit;
        view.priceStopLoss = row.priceStopLoss;
        const outcome = this.scanner.scanOpened(store, i, i + 1, view, vwapCandles);
        if (outcome.kind !== "closed") break;
        if (outcome.reason !== "take_profit" || rung === undefined) return outcome;
        const index = ladder!.indexOf(rung);
        ladder![index] = { ...rung, filled: true };
        this.changes++;
        const entered = row.entries.reduce((sum, fill) => sum + fill.quantity, 0);
        const quantity = Math.min(rung.quantity, row.quantity);
        if (row.quantity - quantity <= entered * DUST) return outcome;
        this.exit("take_profit_ladder", outcome.price, outcome.timestamp, quantity);
      }
      view.firstCandle = "full";
      this.applyRules(store.timestamp[i]! + MINUTE_MS);
    }
    return { kind: "pending" };
  }

  /** Moves the stop by the signal's trailing and breakeven rules after a candle that closed at `at`. */
  private applyRules(at: number): void {
    const row = this.row!;
    const rules = row.rules;
    if (rules === undefined) return;
    const isLong = row.position === "long";
    const sign = isLong ? 1 : -1;
    const best = this.extremes.best;
    const moved = ((sign * (best - row.priceOpen)) / row.priceOpen) * 100;
    const tighter = (level: number) => (isLong ? level > row.priceStopLoss : level < row.priceStopLoss);
    const { breakeven, trailingStop } = rules;
    if (breakeven !== undefined && moved >= breakeven.triggerPercent) {
      const offset =
        breakeven.offsetPercent ??
        roundTripCostPercent(this.run.config.percentFee, this.run.config.percentSlippage);
      const level = row.priceOpen * (1 + (sign * offset) / 100);
      if (tighter(level)) this.moveLevel("stop_loss", level, at, "breakeven");
    }
    if (trailingStop !== undefined && moved >= (trailingStop.activationPercent ?? 0)) {
      const level = best * (1 - (sign * trailingStop.distancePercent) / 100);
      if (tighter(level)) this.moveLevel("stop_loss", level, at, "trailing_stop");
    }
  }

  private moveLevel(level: LevelChange["level"], to: number, at: number, cause: LevelChange["cause"]): void {
    const row = this.row!;
    this.changes++;
    const from = level === "stop_loss" ? row.priceStopLoss : row.priceTakeProfit;
    // A trailing stop moves on most candles: one entry per candle would grow without bound, so consecutive
    // moves by the same cause merge into the latest (the first `from` is kept).
    const last = row.levelChanges[row.levelChanges.length - 1];
    if (last !== undefined && last.cause === cause && last.level === level && cause === "trailing_stop") {
      row.levelChanges[row.levelChanges.length - 1] = { ...last, timestamp: at, to };
    } else {
      row.levelChanges.push({ timestamp: at, level, from, to, cause });
    }
    if (level === "stop_loss") row.priceStopLoss = to;
    else row.priceTakeProfit = to;
  }

  /** True when the strategy defines `onOpenInterval`, so a backtest stops at each interval while a signal is open. */
  get wantsHooks(): boolean {
    return this.hasHook;
  }

  /** True when the strategy's `onOpenInterval` is due at `when`: something is open or scheduled, a new interval began. */
  wantsHook(when: number): boolean {
    return this.hasHook && this.phase !== "idle" && alignDown(when, this.strategyStep) > this.hookBucket;
  }

  /** The next time `onOpenInterval` is due (meaningful while something is open or scheduled). */
  nextHookTime(): number {
    return this.hookBucket + this.strategyStep;
  }

  /**
   * Calls `onOpenInterval` at `when` (after the fills of the candles closed by then); the commands it gives act at
   * `when` and their lifecycle events go onto `out`. A promise only when the hook is asynchronous.
   */
  requestHook(when: number, out: SignalEvent[]): void | Promise<void> {
    const { run } = this;
    this.hookBucket = alignDown(when, this.strategyStep);
    const hook = run.strategy.onOpenInterval!;
    this.commandOut = out;
    this.commandTime = when;
    const done = () => {
      this.commandOut = null;
    };
    let output: unknown;
    try {
      output = runInContext({ symbol: run.symbol, when, backtest: run.backtest, run, position: this }, () =>
        hook.call(run.strategy, run.symbol, new Date(when), this.publicRow()),
      );
    } catch (error) {
      reportError(error, run, `onOpenInterval threw at ${new Date(when).toISOString()}`);
      return done();
    }
    if (isThenable(output)) {
      return settleWithin(
        output,
        run.config.getSignalTimeoutMs,
        () => getSignalTimeout(run, when),
        done,
        (error: unknown) => {
          reportError(error, run, `onOpenInterval rejected at ${new Date(when).toISOString()}`);
          done();
        },
      );
    }
    done();
  }

  /** The market price at the command's time: the fill model's, over the candles closed by then. */
  private commandPrice(command: string): number {
    if (this.commandOut === null) {
      throw new CandlewickError(
        "NOT_IN_POSITION_HOOK",
        `[core] ${command}() changes a position and acts only inside the strategy's onOpenInterval (strategy "${this.run.strategyName}" on ${this.run.symbol})`,
        { details: { command, strategyName: this.run.strategyName, symbol: this.run.symbol } },
      );
    }
    const store = this.run.minuteFeed.store;
    const closedEnd = store.lowerBound(this.commandTime - MINUTE_MS + 1);
    return this.scanner.marketPrice(store, closedEnd, this.run.config.vwapCandles);
  }

  private requireOpen(command: string): PositionRow {
    if (this.phase !== "opened") {
      throw new CandlewickError(
        "NO_OPEN_POSITION",
        `[core] ${command}() needs an open position; strategy "${this.run.strategyName}" on ${this.run.symbol} is ${this.phase}`,
        { details: { command, phase: this.phase } },
      );
    }
    return this.row!;
  }

  private checkPercent(command: string, field: string, value: number, max: number): void {
    if (typeof value !== "number" || !Number.isFinite(value) || value <= 0 || value > max) {
      throw new InvalidArgumentError(command, field, value, `a percentage in (0, ${max}]`);
    }
  }

  partialExit(kind: "profit" | "loss", percent: number): boolean {
    const command = kind === "profit" ? "commitPartialProfit" : "commitPartialLoss";
    this.checkPercent(command, "percent", percent, 100);
    const price = this.commandPrice(command);
    const row = this.requireOpen(command);
    const ahead = row.position === "long" ? price > row.priceOpen : price < row.priceOpen;
    if (ahead !== (kind === "profit")) return false;
    const quantity = this.formatNow(row.quantity * (percent / 100));
    const entered = row.entries.reduce((sum, fill) => sum + fill.quantity, 0);
    if (row.quantity - quantity <= entered * DUST) {
      this.commandOut!.push(this.closed("closed", price, this.commandTime));
      return true;
    }
    this.exit(kind === "profit" ? "partial_profit" : "partial_loss", price, this.commandTime, quantity);
    return true;
  }

  trailStop(distancePercent: number): boolean {
    this.checkPercent("commitTrailingStop", "distancePercent", distancePercent, 100);
    const price = this.commandPrice("commitTrailingStop");
    const row = this.requireOpen("commitTrailingStop");
    const isLong = row.position === "long";
    const level = price * (1 - ((isLong ? 1 : -1) * distancePercent) / 100);
    if (isLong ? level <= row.priceStopLoss : level >= row.priceStopLoss) return false;
    this.moveLevel("stop_loss", level, this.commandTime, "commit_trailing_stop");
    return true;
  }

  trailTake(distancePercent: number): boolean {
    this.checkPercent("commitTrailingTake", "distancePercent", distancePercent, 1000);
    const price = this.commandPrice("commitTrailingTake");
    const row = this.requireOpen("commitTrailingTake");
    const level = price * (1 + ((row.position === "long" ? 1 : -1) * distancePercent) / 100);
    if (level === row.priceTakeProfit) return false;
    this.moveLevel("take_profit", level, this.commandTime, "commit_trailing_take");
    return true;
  }

  breakevenNow(): boolean {
    const price = this.commandPrice("commitBreakeven");
    const row = this.requireOpen("commitBreakeven");
    const isLong = row.position === "long";
    const { percentFee, percentSlippage } = this.run.config;
    const level =
      row.priceOpen * (1 + ((isLong ? 1 : -1) * roundTripCostPercent(percentFee, percentSlippage)) / 100);
    const reached = isLong ? price > level : price < level;
    const tighter = isLong ? level > row.priceStopLoss : level < row.priceStopLoss;
    if (!reached || !tighter) return false;
    this.moveLevel("stop_loss", level, this.commandTime, "commit_breakeven");
    return true;
  }

  averageBuy(cost: number | undefined): boolean {
    if (cost !== undefined && (typeof cost !== "number" || !Number.isFinite(cost) || cost <= 0)) {
      throw new InvalidArgumentError("commitAverageBuy", "cost", cost, "a quote amount > 0");
    }
    const price = this.commandPrice("commitAverageBuy");
    const row = this.requireOpen("commitAverageBuy");
    const { run } = this;
    const when = this.commandTime;
    const quantity = this.formatNow(
      entryQuantity({
        position: row.position,
        entryPrice: price,
        priceStopLoss: row.priceStopLoss,
        cost,
        quantity: undefined,
        sizing: run.strategy.sizing ?? run.config.sizing,
        equity: this.account.equity(when),
        costs: run.config,
      }),
    );
    const fill = makeFill(row.position, "entry", "average_buy", when, price, quantity, run.config);
    const candidate = {
      symbol: run.symbol,
      strategyName: run.strategyName,
      exchangeName: run.exchangeName,
      position: row.position,
      priceOpen: price,
      priceTakeProfit: row.priceTakeProfit,
      priceStopLoss: row.priceStopLoss,
      quantity,
      cost: fill.value,
      kind: "average_buy" as const,
    };
    const verdict =
      this.account.checkCash(fill.value + this.account.reserved(), fill.fee) ??
      checkRisks(run, this.account, candidate, when);
    if (verdict !== null) {
      rejectEntry(run, this.account, verdict, candidate, when);
      return false;
    }
    const held = row.entries.reduce((sum, f) => sum + f.quantity, 0);
    this.changes++;
    row.priceOpen = (row.priceOpen * held + price * quantity) / (held + quantity);
    row.entries.push(fill);
    row.quantity += quantity;
    this.basis += fill.value;
    this.account.entry(fill, this);
    return true;
  }

  closeNow(): boolean {
    const price = this.commandPrice("commitClosePending");
    if (this.phase !== "opened") return false;
    this.commandOut!.push(this.closed("closed", price, this.commandTime));
    return true;
  }

  cancelNow(): boolean {
    this.commandPrice("commitCancelScheduled");
    if (this.phase !== "scheduled") return false;
    this.commandOut!.push(this.cancelled("user", this.commandTime));
    return true;
  }

  activateNow(): boolean {
    const price = this.commandPrice("commitActivateScheduled");
    if (this.phase !== "scheduled") return false;
    const when = this.commandTime;
    this.open(when, price, "full", when);
    this.scanFrom = when;
    this.commandOut!.push({ action: "opened", ...this.identity(when, price), signal: this.publicRow() });
    return true;
  }

  queueSignal(dto: SignalDto): void {
    this.queued = dto;
  }

  pendingSignal(): SignalRow | null {
    return this.phase === "opened" ? this.publicRow() : null;
  }

  scheduledSignal(): SignalRow | null {
    return this.phase === "scheduled" ? this.publicRow() : null;
  }

  positionNow(): PositionSnapshot | null {
    if (this.phase !== "opened") return null;
    const row = this.row!;
    const store = this.run.minuteFeed.store;
    const when = this.commandOut === null ? (currentContext()?.when ?? Number.NaN) : this.commandTime;
    const closedEnd = Number.isNaN(when) ? store.length : store.lowerBound(when - MINUTE_MS + 1);
    const markPrice = this.scanner.marketPrice(store, closedEnd, this.run.config.vwapCandles);
    let fees = 0;
    let exited = 0;
    for (const fill of row.entries) fees += fill.fee;
    for (const fill of row.exits) {
      fees += fill.fee;
      exited += fill.value;
    }
    const invested = row.entries.reduce((sum, fill) => sum + fill.value, 0);
    const releasedSoFar = invested - this.basis;
    const gross = row.position === "long" ? exited - releasedSoFar : releasedSoFar - exited;
    const exit = makeFill(row.position, "exit", "closed", 0, markPrice, row.quantity, this.run.config);
    const open = exitGain(row.position, this.basis, row.quantity, exit.fillPrice, row.quantity) - exit.fee;
    return {
      quantity: row.quantity,
      averagePrice: row.priceOpen,
      entries: row.entries.slice(),
      exits: row.exits.slice(),
      invested,
      realizedPnl: gross - fees,
      unrealizedPnl: open,
      fees,
      markPrice,
    };
  }

  /** A quantity through the exchange's precision when it answers synchronously (commands cannot wait). */
  private formatNow(quantity: number): number {
    const formatted = formatQuantities(this.run.exchange, this.run.strategyName, this.run.symbol, [quantity]);
    return formatted instanceof Promise ? quantity : formatted[0]!;
  }

  /**
   * Live with a broker: the venue's fills replace the fill model's in the open row (same legs, same order; see
   * orders/venue-fills.ts). The held quantity, the average entry, the cost basis and the account follow. Called
   * once per tick by the order flow, never inside the fill scan.
   */
  amendFills(entries: readonly PositionFill[], exits: readonly PositionFill[]): void {
    const row = this.row;
    if (row === null || this.phase !== "opened") return;
    const before = replayFills(row.position, row.entries, row.exits);
    const after = replayFills(row.position, entries, exits);
    row.entries = entries.slice();
    row.exits = exits.slice();
    row.quantity = after.quantity;
    row.priceOpen = after.priceOpen;
    this.basis = after.basis;
    this.account.amend(
      {
        basis: after.basis - before.basis,
        realized: after.realized - before.realized,
        fees: after.fees - before.fees,
        timestamp: latestFill(entries, exits),
      },
      this,
    );
  }

  /**
   * Live with a broker: the venue refused the entry of the open row, so there never was a position. Its booking
   * is taken back from the account and the signal ends as `cancelled` (`entry_rejected`, with the venue's reason).
   */
  dropRejectedEntry(when: number, rejection: VenueRejection, out: SignalEvent[]): void {
    const row = this.row;
    if (row === null || this.phase !== "opened") return;
    const booked = replayFills(row.position, row.entries, row.exits);
    this.account.amend(
      {
        basis: -booked.basis,
        realized: -booked.realized,
        fees: -booked.fees,
        timestamp: latestFill(row.entries, row.exits),
      },
      this,
    );
    this.basis = 0;
    // As if it never opened: the row keeps what it asked for, not a fill that did not happen.
    row.entries = [];
    row.exits = [];
    out.push(this.cancelled("entry_rejected", when, rejection));
  }

  /** Closes the open position at the market price now (`closed`), or drops a scheduled one (`user`): a flatten. */
  flatten(when: number, out: SignalEvent[]): void {
    if (this.phase === "scheduled") out.push(this.cancelled("user", when));
    if (this.phase !== "opened") return;
    const store = this.run.minuteFeed.store;
    const closedEnd = store.lowerBound(when - MINUTE_MS + 1);
    const price =
      closedEnd > 0
        ? this.scanner.marketPrice(store, closedEnd, this.run.config.vwapCandles)
        : this.row!.priceOpen;
    out.push(this.closed("closed", price, when));
  }

  /** Drops a scheduled (not yet opened) signal on the user's request, e.g. a graceful live shutdown. */
  cancelScheduled(when: number, out: SignalEvent[]): void {
    if (this.phase === "scheduled") out.push(this.cancelled("user", when));
  }

  private closed(reason: ClosedResult["closeReason"], price: number, closeTimestamp: number): ClosedResult {
    const row = this.row!;
    const { percentFee, percentSlippage } = this.run.config;
    if (row.quantity > 0) this.exit(reason, price, closeTimestamp, row.quantity);
    const totals = positionTotals(row.position, row.entries, row.exits);
    const result: ClosedResult = {
      action: "closed",
      ...this.identity(closeTimestamp, price),
      signal: this.publicRow(),
      closeReason: reason,
      closeTimestamp,
      pnl: {
        // One entry and one exit: the closed-form round trip, which equals the fills' ratio exactly in real
        // arithmetic and keeps the figures of bracket trades bit-identical to before positions existed.
        pnlPercentage:
          row.entries.length === 1 && row.exits.length === 1
            ? computePnlPercentage(
                row.position,
                row.priceOpen,
                row.exits[0]!.price,
                percentFee,
                percentSlippage,
              )
            : totals.pnlPercentage,
        priceOpen: row.priceOpen,
        priceClose: price,
        peakPercentage: computePnlPercentage(
          row.position,
          row.priceOpen,
          this.extremes.best,
          percentFee,
          percentSlippage,
        ),
        troughPercentage: computePnlPercentage(
          row.position,
          row.priceOpen,
          this.extremes.worst,
          percentFee,
          percentSlippage,
        ),
        pnlCost: totals.pnlCost,
        fees: totals.fees,
        invested: totals.invested,
      },
    };
    this.reset(closeTimestamp);
    return result;
  }

  private cancelled(
    reason: CancelledResult["cancelReason"],
    closeTimestamp: number,
    rejection?: VenueRejection,
  ): CancelledResult {
    const row = this.row!;
    const store = this.run.minuteFeed.store;
    const closedEnd = store.lowerBound(closeTimestamp - MINUTE_MS + 1);
    const price = closedEnd > 0 ? store.close[closedEnd - 1]! : row.priceOpen;
    const result: CancelledResult = {
      action: "cancelled",
      ...this.identity(closeTimestamp, price),
      signal: this.publicRow(),
      closeReason: "cancelled",
      cancelReason: reason,
      closeTimestamp,
      pnl: {
        pnlPercentage: 0,
        priceOpen: row.priceOpen,
        priceClose: price,
        peakPercentage: 0,
        troughPercentage: 0,
        pnlCost: 0,
        fees: 0,
        invested: 0,
      },
      ...(rejection === undefined ? {} : { rejection }),
    };
    this.reset(closeTimestamp);
    return result;
  }

  private reset(closedAt: number): void {
    this.changes++;
    this.account.release(this);
    this.phase = "idle";
    this.row = null;
    this.basis = 0;
    this.idleSince = closedAt;
  }

  private identity(timestamp: number, currentPrice: number) {
    const { run } = this;
    return {
      symbol: run.symbol,
      strategyName: run.strategyName,
      exchangeName: run.exchangeName,
      frameName: run.frameName,
      backtest: run.backtest,
      timestamp,
      currentPrice,
    };
  }

  /**
   * Counts the changes to what {@link SignalRunner.snapshot} holds that a restart could not work out again from
   * candles: a signal accepted, every fill, a moved level, the end of a signal, the start of an idle spell, a
   * restore. Left out, as progress: the scan's position, first-candle flag and extremes (re-scanning the candles
   * from an earlier position reaches the same ones; the fill scan is deterministic) and the buckets `getSignal` and
   * `onOpenInterval` last ran in ({@link SignalRunner.signalBucket}, {@link SignalRunner.openHookBucket}). A live
   * run compares it with the one it last wrote, instead of serialising the state on every tick.
   */
  get revision(): number {
    return this.changes;
  }

  /**
   * True when calling `advance(t, false, ...)` at any time `t` up to `until` would produce no event: an open
   * position with no rules and no `onOpenInterval`, whose deadline is after `until` and which the fill scan leaves
   * open over every loaded candle closed by `until`. Only looks (on a copy of the extremes); changes nothing. A live
   * run on loaded-ahead history uses it to sleep over ticks that would only move the scan on: the one `advance` at
   * `until` then scans those candles in one call and reaches the same state (the scan is deterministic).
   */
  quietThrough(until: number): boolean {
    const row = this.row;
    if (this.phase !== "opened" || row === null || row.rules !== undefined || this.hasHook) return false;
    const deadline = Math.min(row.pendingAt + row.minuteEstimatedTime * MINUTE_MS, this.closeAt);
    if (until >= deadline) return false;
    const store = this.run.minuteFeed.store;
    const outcome = this.scanner.scanOpened(
      store,
      store.lowerBound(this.scanFrom),
      store.lowerBound(until - MINUTE_MS + 1),
      {
        isLong: row.position === "long",
        priceTakeProfit: row.priceTakeProfit,
        priceStopLoss: row.priceStopLoss,
        expiresAt: deadline,
        firstCandle: this.firstCandle,
        extremes: { best: this.extremes.best, worst: this.extremes.worst },
      },
      this.run.config.vwapCandles,
    );
    return outcome.kind === "pending";
  }

  /**
   * While idle after a tick at `when`: the start of the next strategy interval when `wantsSignal` is false at every
   * time before it (the interval of `when` asked already, or begun before the idle spell), else undefined. No
   * `advance` or hook does anything while idle, so the ticks before it only find nothing to do.
   */
  idleUntil(when: number): number | undefined {
    if (this.phase !== "idle" || this.queued !== null || Number.isNaN(this.idleSince)) return undefined;
    const boundary = alignDown(when, this.strategyStep);
    const due = boundary !== this.lastSignalBucket && (this.anyBucket || boundary >= this.idleSince);
    return due ? undefined : boundary + this.strategyStep;
  }

  /** Open time of the next 1m candle the fill scan examines (meaningful while something is open or scheduled). */
  get scanPosition(): number {
    return this.scanFrom;
  }

  /** Start of the strategy interval `getSignal` last ran in (NaN before the first call). */
  get signalBucket(): number {
    return this.lastSignalBucket;
  }

  /** Start of the strategy interval `onOpenInterval` last ran in, or the signal was accepted in (NaN before). */
  get openHookBucket(): number {
    return this.hookBucket;
  }

  /** The strategy's interval, in ms: no two ticks of a run further apart than this share a bucket. */
  get intervalMs(): number {
    return this.strategyStep;
  }

  /** The state to persist so a restarted process resumes exactly here. */
  snapshot(): RunnerSnapshot {
    return {
      phase: this.phase,
      signal: this.row === null ? null : this.publicRow(),
      scanFrom: this.scanFrom,
      firstCandle: this.firstCandle,
      extremes: { ...this.extremes },
      lastSignalBucket: Number.isNaN(this.lastSignalBucket) ? null : this.lastSignalBucket,
      idleSince: Number.isNaN(this.idleSince) ? null : this.idleSince,
      basis: this.basis,
      hookBucket: Number.isNaN(this.hookBucket) ? null : this.hookBucket,
    };
  }

  /** Resumes from a snapshot written by `snapshot()`. */
  restore(snapshot: RunnerSnapshot): void {
    this.changes++;
    this.phase = snapshot.phase;
    const row = snapshot.signal === null ? null : upgradeRow(snapshot.signal, snapshot.phase, this.run);
    this.row = row;
    this.basis =
      snapshot.basis ?? row?.entries.reduce((sum: number, fill: PositionFill) => sum + fill.value, 0) ?? 0;
    if (row !== null && snapshot.phase !== "idle") this.account.restore(this, this.basis);
    this.scanFrom = snapshot.scanFrom;
    this.firstCandle = snapshot.firstCandle;
    this.extremes = { ...snapshot.extremes };
    this.lastSignalBucket = snapshot.lastSignalBucket ?? Number.NaN;
    this.idleSince = snapshot.idleSince ?? Number.NaN;
    this.hookBucket =
      snapshot.hookBucket ?? (row === null ? Number.NaN : alignDown(row.scheduledAt, this.strategyStep));
  }
}
