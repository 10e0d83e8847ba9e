import type { RiskRejection } from "../spec/risk.js";
import { StringTable } from "./string-table.js";

const LONG = 1;
const AVERAGE_BUY = 2;
const BACKTEST = 4;

/**
 * One engine's risk rejections, all of them, in the order they happened. A backtest whose every tick is rejected
 * produces one rejection a minute per symbol (4.3 million for 100 symbols over 30 days), so rows are stored as
 * columns, not objects: the names and reasons as ids into one string table (a reason repeats as long as its
 * numbers do), the numbers in typed arrays; 85 bytes a row plus each distinct string once. `at(row)` rebuilds a
 * `RiskRejection` on demand. Every field of `RiskRejection` and `RiskCandidate` has its column: a field added to
 * them needs one here (the object literal in `at` fails to compile while a required one is missing).
 *
 * Like the trade journal, it reports the latest backtest of each (strategy, symbol): `startBacktest` retires the
 * pair's earlier backtest rows, and rows still arriving from an older run of the pair (two runs at once) are not
 * kept. Live rows are all kept. Retired rows are skipped by `rows` and dropped once they are half the log, so
 * repeated backtests do not grow it and each compaction is paid for by the rows it drops.
 */
export class RiskLog {
  private readonly strings = new StringTable();
  /**
   * The last string seen in each string column and its id. A run passes the same string objects again and again
   * (its risk, symbol, strategy names), and comparing one with itself is instant, while a table lookup hashes it.
   */
  private readonly lastStrings: (string | undefined)[] = [];
  private readonly lastIds: number[] = [];
  /** Per strategy id, per symbol id: the backtest run the pair reports. */
  private readonly latest = new Map<number, Map<number, PairRun>>();
  private lastPair: PairRun | undefined;
  private nextGeneration = 1;
  /** Rows of retired backtest runs still in the columns. */
  private retired = 0;
  private count = 0;
  /** The `PairRun.generation` of a backtest row (0 for live rows). */
  private generation = new Uint32Array(0);
  private riskName = new Uint32Array(0);
  private rule = new Uint32Array(0);
  private reason = new Uint32Array(0);
  private symbol = new Uint32Array(0);
  private strategyName = new Uint32Array(0);
  private exchangeName = new Uint32Array(0);
  private frameName = new Uint32Array(0);
  private activePositions = new Uint32Array(0);
  private flags = new Uint8Array(0);
  private priceOpen = new Float64Array(0);
  private priceTakeProfit = new Float64Array(0);
  private priceStopLoss = new Float64Array(0);
  private quantity = new Float64Array(0);
  private cost = new Float64Array(0);
  private timestamp = new Float64Array(0);

  /** Number of rows held, retired ones included until they are dropped: `at` accepts 0 ≤ row < length. */
  get length(): number {
    return this.count;
  }

  /**
   * A backtest run of a (strategy, symbol) starts (when it starts its trade record): the pair's earlier backtest
   * rows are retired, and from now on only `runId`'s rows are kept for it.
   */
  startBacktest(strategyName: string, symbol: string, runId: string): void {
    const pair = this.pairRun(this.strings.idOf(strategyName), this.strings.idOf(symbol));
    this.retired += pair.rows;
    pair.rows = 0;
    pair.runId = runId;
    pair.generation = this.nextGeneration++;
    if (this.retired * 2 > this.count) this.compact();
  }

  /**
   * Records a rejection of run `runId` (omitted: of no particular run). A backtest rejection of a run older than
   * the one its (strategy, symbol) reports is not kept, as that run's trades are no longer reported either.
   */
  record(rejection: RiskRejection, runId?: string): void {
    const { candidate } = rejection;
    const symbolId = this.intern(3, candidate.symbol);
    const strategyId = this.intern(4, candidate.strategyName);
    let generation = 0;
    if (rejection.backtest) {
      const pair = this.pairRun(strategyId, symbolId);
      if (runId !== undefined && pair.runId !== undefined && runId !== pair.runId) return;
      pair.rows++;
      generation = pair.generation;
    }
    if (this.count === this.riskName.length) this.grow();
    const row = this.count++;
    this.generation[row] = generation;
    this.symbol[row] = symbolId;
    this.strategyName[row] = strategyId;
    this.riskName[row] = this.intern(0, rejection.riskName);
    this.rule[row] = this.intern(1, rejection.rule);
    this.reason[row] = this.intern(2, rejection.reason);
    this.exchangeName[row] = this.intern(5, candidate.exchangeName);
    this.frameName[row] = this.intern(6, rejection.frameName);
    this.activePositions[row] = rejection.activePositions;
    this.flags[row] =
      (candidate.position === "long" ? LONG : 0) |
      (candidate.kind === "average_buy" ? AVERAGE_BUY : 0) |
      (rejection.backtest ? BACKTEST : 0);
    this.priceOpen[row] = candidate.priceOpen;
    this.priceTakeProfit[row] = candidate.priceTakeProfit;
    this.priceStopLoss[row] = candidate.priceStopLoss;
    this.quantity[row] = candidate.quantity;
    this.cost[row] = candidate.cost;
    this.timestamp[row] = rejection.timestamp;
  }

  /** The rejection recorded at `row` (0 ≤ row < length), as a new object. */
  at(row: number): RiskRejection {
    const flags = this.flags[row]!;
    return {
      riskName: this.strings.at(this.riskName[row]!),
      rule: this.strings.at(this.rule[row]!),
      reason: this.strings.at(this.reason[row]!),
      candidate: {
        symbol: this.strings.at(this.symbol[row]!),
        strategyName: this.strings.at(this.strategyName[row]!),
        exchangeName: this.strings.at(this.exchangeName[row]!),
        position: flags & LONG ? "long" : "short",
        priceOpen: this.priceOpen[row]!,
        priceTakeProfit: this.priceTakeProfit[row]!,
        priceStopLoss: this.priceStopLoss[row]!,
        quantity: this.quantity[row]!,
        cost: this.cost[row]!,
        kind: flags & AVERAGE_BUY ? "average_buy" : "open",
      },
      timestamp: this.timestamp[row]!,
      backtest: (flags & BACKTEST) !== 0,
      frameName: this.strings.at(this.frameName[row]!),
      activePositions: this.activePositions[row]!,
    };
  }

  /**
   * The rows of a risk and a symbol (either may be omitted: every one), in recording order, without retired
   * backtest rows. Filtering compares ids, so no rejection object is built for rows that do not match.
   */
  rows(riskName?: string, symbol?: string): number[] {
    const riskId = riskName === undefined ? undefined : this.strings.find(riskName);
    const symbolId = symbol === undefined ? undefined : this.strings.find(symbol);
    if (
      (riskName !== undefined && riskId === undefined) ||
      (symbol !== undefined && symbolId === undefined)
    ) {
      return [];
    }
    const rows: number[] = [];
    for (let row = 0; row < this.count; row++) {
      if (riskId !== undefined && this.riskName[row] !== riskId) continue;
      if (symbolId !== undefined && this.symbol[row] !== symbolId) continue;
      if (this.isRetired(row)) continue;
      rows.push(row);
    }
    return rows;
  }

  /** A backtest row of a run its (strategy, symbol) no longer reports. */
  private isRetired(row: number): boolean {
    if ((this.flags[row]! & BACKTEST) === 0) return false;
    const pair = this.latest.get(this.strategyName[row]!)?.get(this.symbol[row]!);
    return pair !== undefined && pair.generation !== this.generation[row];
  }

  /** The run record of a (strategy id, symbol id), made on first use; the last one is at hand without lookups. */
  private pairRun(strategyId: number, symbolId: number): PairRun {
    const last = this.lastPair;
    if (last !== undefined && last.strategyId === strategyId && last.symbolId === symbolId) return last;
    let bySymbol = this.latest.get(strategyId);
    if (bySymbol === undefined) {
      bySymbol = new Map();
      this.latest.set(strategyId, bySymbol);
    }
    let pair = bySymbol.get(symbolId);
    if (pair === undefined) {
      pair = { strategyId, symbolId, runId: undefined, generation: 0, rows: 0 };
      bySymbol.set(symbolId, pair);
    }
    this.lastPair = pair;
    return pair;
  }

  /** Drops the retired rows, moving the others down in order (their strings stay in the table). */
  private compact(): void {
    const columns = this.columns();
    let kept = 0;
    for (let row = 0; row < this.count; row++) {
      if (this.isRetired(row)) continue;
      if (kept !== row) for (const column of columns) column[kept] = column[row]!;
      kept++;
    }
    this.count = kept;
    this.retired = 0;
  }

  private columns(): (Uint32Array | Uint8Array | Float64Array)[] {
    return [
      this.generation,
      this.riskName,
      this.rule,
      this.reason,
      this.symbol,
      this.strategyName,
      this.exchangeName,
      this.frameName,
      this.activePositions,
      this.flags,
      this.priceOpen,
      this.priceTakeProfit,
      this.priceStopLoss,
      this.quantity,
      this.cost,
      this.timestamp,
    ];
  }

  /** The id of `value` in string column `column`, through that column's last-seen cache. */
  private intern(column: number, value: string): number {
    if (this.lastStrings[column] === value) return this.lastIds[column]!;
    const id = this.strings.idOf(value);
    this.lastStrings[column] = value;
    this.lastIds[column] = id;
    return id;
  }

  /** Doubles every column (64 rows at first), keeping the rows recorded so far. */
  private grow(): void {
    const capacity = Math.max(64, this.riskName.length * 2);
    const widen = <T extends Uint32Array | Uint8Array | Float64Array>(
      column: T,
      make: (n: number) => T,
    ): T => {
      const wider = make(capacity);
      wider.set(column);
      return wider;
    };
    const u32 = (n: number) => new Uint32Array(n);
    const f64 = (n: number) => new Float64Array(n);
    this.generation = widen(this.generation, u32);
    this.riskName = widen(this.riskName, u32);
    this.rule = widen(this.rule, u32);
    this.reason = widen(this.reason, u32);
    this.symbol = widen(this.symbol, u32);
    this.strategyName = widen(this.strategyName, u32);
    this.exchangeName = widen(this.exchangeName, u32);
    this.frameName = widen(this.frameName, u32);
    this.activePositions = widen(this.activePositions, u32);
    this.flags = widen(this.flags, (n) => new Uint8Array(n));
    this.priceOpen = widen(this.priceOpen, f64);
    this.priceTakeProfit = widen(this.priceTakeProfit, f64);
    this.priceStopLoss = widen(this.priceStopLoss, f64);
    this.quantity = widen(this.quantity, f64);
    this.cost = widen(this.cost, f64);
    this.timestamp = widen(this.timestamp, f64);
  }
}

/** The backtest run a (strategy, symbol) reports, and how many of its rows the log holds. */
interface PairRun {
  readonly strategyId: number;
  readonly symbolId: number;
  /** Undefined until a run starts: rows recorded before are kept until one does. */
  runId: string | undefined;
  generation: number;
  rows: number;
}
