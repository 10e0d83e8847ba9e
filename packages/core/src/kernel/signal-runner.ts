import { alignDown, INTERVAL_MS } from "../candles/interval.js";
import { runInContext } from "../context/execution-context.js";
import { CandlewickError } from "../errors/candlewick-error.js";
import { SignalValidationError } from "../errors/signal-validation-error.js";
import { reportError } from "../events/report-error.js";
import type { LevelChange, PositionFill, ResolvedRung } from "../spec/position.js";
import type { RiskPosition } from "../spec/risk.js";
import type { SignalDto, SignalRow } from "../spec/signal.js";
import type {
  CancelledResult,
  ClosedResult,
  OpenedResult,
  ScheduledResult,
  SignalEvent,
} from "../spec/tick-result.js";
import { Account, type AccountHolding } from "./account/account.js";
import { checkRisks, rejectEntry } from "./account/entry-gate.js";
import { fillModelScanner } from "./fill/fill-model.js";
import { assertMarketInsideBracket, reachedLimitPrice } from "./fill/marketable-limit.js";
import { type Extremes, type FirstCandle, MINUTE_MS, type ScanOutcome } from "./fill/scan-types.js";
import { computePnlPercentage, roundTripCostPercent } from "./pnl.js";
import { formatQuantities } from "./position/format-quantities.js";
import { exitGain, makeFill } from "./position/position-fill.js";
import { positionTotals } from "./position/position-totals.js";
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
}

/**
 * The signal lifecycle of one strategy on one symbol: idle → scheduled → opened → closed, or scheduled →
 * cancelled. Backtest and live drive the very same object: `requestSignal(when)` asks the strategy,
 * `advance(until)` runs the fill model over the 1m candles that have closed, and both return the lifecycle
 * events in order. Nothing here awaits except a strategy's own asynchronous `getSignal`.
 */
export class SignalRunner implements AccountHolding {
  phase: RunnerPhase = "idle";
  private row: PositionRow | null = null;
  /** Remaining cost basis of the open position (quote). */
  private basis = 0;
  /** The capital the run trades with (its own, or a portfolio's). */
  readonly account: Account;
  private scanFrom = 0;
  private firstCandle: FirstCandle = "full";
  private extremes: Extremes = { best: 0, worst: 0 };
  private lastSignalBucket = Number.NaN;
  private idleSince = Number.NaN;
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
  }

  /**
   * True when `getSignal` should run at `when`: nothing is open or scheduled, and `when` is the first tick at or
   * after a strategy-interval boundary that passed while idle. A boundary that passed while a signal was open
   * (or before the run started) is skipped: a 15m strategy is asked at :00, :15, :30 and :45, never at :37.
   */
  wantsSignal(when: number): boolean {
    if (this.phase !== "idle") return false;
    if (Number.isNaN(this.idleSince)) this.idleSince = when;
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
    let output: ReturnType<typeof run.strategy.getSignal>;
    try {
      output = runInContext({ symbol: run.symbol, when, backtest: run.backtest, run }, () =>
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
    return this.size(valid, when, price);
  }

  /** Sizes the entry (quantity, ladder rungs) through the exchange's precision; then admits it. */
  private size(
    valid: ValidSignal,
    when: number,
    price: number,
  ): SignalEvent | null | Promise<SignalEvent | null> {
    const { run } = this;
    const { config } = run;
    const quantity = entryQuantity({
      position: valid.position,
      entryPrice: valid.priceOpen,
      priceStopLoss: valid.priceStopLoss,
      cost: valid.cost,
      quantity: valid.quantity,
      sizing: run.strategy.sizing ?? config.sizing,
      equity: this.account.equity(when),
      costs: config,
    });
    const rungs = valid.rules?.takeProfitLadder ?? [];
    const raw = [quantity, ...rungs.map((rung) => rung.fraction * quantity)];
    const fail = (error: unknown) => {
      reportError(error, run);
      return null;
    };
    let formatted: number[] | Promise<number[]>;
    try {
      formatted = formatQuantities(run.exchange, run.strategyName, run.symbol, raw);
    } catch (error) {
      return fail(error);
    }
    if (formatted instanceof Promise) {
      return formatted.then((q) => this.admit(valid, when, price, q), fail);
    }
    return this.admit(valid, when, price, formatted);
  }

  /** Checks the sized entry against the account and the run's risks, then schedules or opens it. */
  private admit(valid: ValidSignal, when: number, price: number, quantities: number[]): SignalEvent | null {
    const { run } = this;
    const quantity = quantities[0]!;
    const entry = makeFill(valid.position, "entry", "open", when, valid.priceOpen, quantity, run.config);
    const candidate = { ...this.candidate(valid, quantity, entry.value), kind: "open" as const };
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
    this.account.hold(this);
    this.scanFrom = when;
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
    row.pendingAt = pendingAt;
    row.priceOpen = price;
    this.phase = "opened";
    this.firstCandle = firstCandle;
    this.extremes = { best: price, worst: price };
    const fill = makeFill(row.position, "entry", "open", knownAt, price, row.quantity, this.run.config);
    row.entries.push(fill);
    this.basis += fill.value;
    this.account.entry(fill);
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
    const released = (this.basis / row.quantity) * quantity;
    const gain = exitGain(row.position, this.basis, row.quantity, fill.fillPrice, quantity);
    row.exits.push(fill);
    this.basis -= released;
    row.quantity -= quantity;
    this.account.exit(fill, released, gain);
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
    const { run } = this;
    const store = run.minuteFeed.store;
    const end = until === Number.POSITIVE_INFINITY ? store.length : store.lowerBound(until - MINUTE_MS + 1);
    const { vwapCandles } = run.config;
    while (this.phase !== "idle") {
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

  /** Drops a scheduled (not yet opened) signal on the user's request, e.g. a graceful live shutdown. */
  cancelScheduled(when: number, out: SignalEvent[]): void {
    if (this.phase === "scheduled") out.push(this.cancelled("user", when));
  }

  private closed(reason: ClosedResult["closeReason"], price: number, closeTimestamp: number): ClosedResult {
    const row = this.row!;
    const { percentFee, percentSlippage } = this.run.config;
    if (row.quantity > 0) this.exit(reason, price, closeTimestamp, row.quantity);
    const totals = positionTotals(row.position, row.entries, row.exits);
    const pnlAt = (exit: number) =>
      computePnlPercentage(row.position, row.priceOpen, exit, percentFee, percentSlippage);
    const result: ClosedResult = {
      action: "closed",
      ...this.identity(closeTimestamp, price),
      signal: this.publicRow(),
      closeReason: reason,
      closeTimestamp,
      pnl: {
        pnlPercentage: totals.pnlPercentage,
        priceOpen: row.priceOpen,
        priceClose: price,
        peakPercentage: pnlAt(this.extremes.best),
        troughPercentage: pnlAt(this.extremes.worst),
        pnlCost: totals.pnlCost,
        fees: totals.fees,
        invested: totals.invested,
      },
    };
    this.reset(closeTimestamp);
    return result;
  }

  private cancelled(reason: CancelledResult["cancelReason"], closeTimestamp: number): CancelledResult {
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
    };
    this.reset(closeTimestamp);
    return result;
  }

  private reset(closedAt: number): void {
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
    };
  }

  /** Resumes from a snapshot written by `snapshot()`. */
  restore(snapshot: RunnerSnapshot): void {
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
  }
}
