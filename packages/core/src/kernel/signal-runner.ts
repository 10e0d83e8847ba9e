import { alignDown, INTERVAL_MS } from "../candles/interval.js";
import { runInContext } from "../context/execution-context.js";
import { CandlewickError } from "../errors/candlewick-error.js";
import { SignalValidationError } from "../errors/signal-validation-error.js";
import { reportError } from "../events/report-error.js";
import type { SignalDto, SignalRow } from "../spec/signal.js";
import type {
  CancelledResult,
  ClosedResult,
  OpenedResult,
  ScheduledResult,
  SignalEvent,
} from "../spec/tick-result.js";
import { fillModelScanner } from "./fill/fill-model.js";
import { assertMarketInsideBracket, reachedLimitPrice } from "./fill/marketable-limit.js";
import { type Extremes, type FirstCandle, MINUTE_MS, type ScanOutcome } from "./fill/scan-types.js";
import { computePnlPercentage } from "./pnl.js";
import type { RunContext } from "./run-context.js";
import { isThenable, settleWithin } from "./settle-within.js";
import { createSignalId } from "./signal-id.js";
import { validateSignal } from "./validate-signal.js";

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

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
}

/**
 * The signal lifecycle of one strategy on one symbol: idle → scheduled → opened → closed, or scheduled →
 * cancelled. Backtest and live drive the very same object: `requestSignal(when)` asks the strategy,
 * `advance(until)` runs the fill model over the 1m candles that have closed, and both return the lifecycle
 * events in order. Nothing here awaits except a strategy's own asynchronous `getSignal`.
 */
export class SignalRunner {
  phase: RunnerPhase = "idle";
  private row: Mutable<SignalRow> | null = null;
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
  ) {
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
      return settleWithin(
        output,
        run.config.getSignalTimeoutMs,
        () => getSignalTimeout(run, when),
        (dto) => this.accept(dto as SignalDto | null | undefined, when, price),
        (error: unknown) => {
          reportError(error, run, `getSignal rejected at ${new Date(when).toISOString()}`);
          return null;
        },
      );
    }
    return this.accept(output as SignalDto | null | undefined, when, price);
  }

  private accept(dto: SignalDto | null | undefined, when: number, price: number): SignalEvent | null {
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
      minuteEstimatedTime: valid.minuteEstimatedTime,
      ...(valid.note === undefined ? {} : { note: valid.note }),
      scheduledAt: when,
      pendingAt: valid.scheduled ? 0 : when,
    };
    this.scanFrom = when;
    if (valid.scheduled) {
      this.phase = "scheduled";
      return {
        action: "scheduled",
        ...this.identity(when, price),
        signal: { ...this.row },
      } satisfies ScheduledResult;
    }
    this.open(when, valid.priceOpen, "full");
    return {
      action: "opened",
      ...this.identity(when, price),
      signal: { ...this.row },
    } satisfies OpenedResult;
  }

  private open(pendingAt: number, price: number, firstCandle: FirstCandle): void {
    const row = this.row!;
    row.pendingAt = pendingAt;
    row.priceOpen = price;
    this.phase = "opened";
    this.firstCandle = firstCandle;
    this.extremes = { best: price, worst: price };
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
        outcome = this.scanner.scanOpened(
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
          this.open(outcome.timestamp, outcome.price, outcome.firstCandle);
          this.scanFrom = outcome.resumeAt;
          out.push({
            action: "opened",
            ...this.identity(outcome.timestamp, outcome.price),
            signal: { ...row },
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

  /** Drops a scheduled (not yet opened) signal on the user's request, e.g. a graceful live shutdown. */
  cancelScheduled(when: number, out: SignalEvent[]): void {
    if (this.phase === "scheduled") out.push(this.cancelled("user", when));
  }

  private closed(reason: ClosedResult["closeReason"], price: number, closeTimestamp: number): ClosedResult {
    const row = this.row!;
    const { percentFee, percentSlippage } = this.run.config;
    const pnlAt = (exit: number) =>
      computePnlPercentage(row.position, row.priceOpen, exit, percentFee, percentSlippage);
    const result: ClosedResult = {
      action: "closed",
      ...this.identity(closeTimestamp, price),
      signal: { ...row },
      closeReason: reason,
      closeTimestamp,
      pnl: {
        pnlPercentage: pnlAt(price),
        priceOpen: row.priceOpen,
        priceClose: price,
        peakPercentage: pnlAt(this.extremes.best),
        troughPercentage: pnlAt(this.extremes.worst),
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
      signal: { ...row },
      closeReason: "cancelled",
      cancelReason: reason,
      closeTimestamp,
      pnl: {
        pnlPercentage: 0,
        priceOpen: row.priceOpen,
        priceClose: price,
        peakPercentage: 0,
        troughPercentage: 0,
      },
    };
    this.reset(closeTimestamp);
    return result;
  }

  private reset(closedAt: number): void {
    this.phase = "idle";
    this.row = null;
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
      signal: this.row === null ? null : { ...this.row },
      scanFrom: this.scanFrom,
      firstCandle: this.firstCandle,
      extremes: { ...this.extremes },
      lastSignalBucket: Number.isNaN(this.lastSignalBucket) ? null : this.lastSignalBucket,
      idleSince: Number.isNaN(this.idleSince) ? null : this.idleSince,
    };
  }

  /** Resumes from a snapshot written by `snapshot()`. */
  restore(snapshot: RunnerSnapshot): void {
    this.phase = snapshot.phase;
    this.row = snapshot.signal === null ? null : { ...snapshot.signal };
    this.scanFrom = snapshot.scanFrom;
    this.firstCandle = snapshot.firstCandle;
    this.extremes = { ...snapshot.extremes };
    this.lastSignalBucket = snapshot.lastSignalBucket ?? Number.NaN;
    this.idleSince = snapshot.idleSince ?? Number.NaN;
  }
}
