import type { RiskRejection } from "../spec/risk.js";
import { StringTable } from "./string-table.js";

const LONG = 1;
const AVERAGE_BUY = 2;
const BACKTEST = 4;

/**
 * One engine's risk rejections, all of them, in the order they happened. A backtest whose every tick is rejected
 * produces one rejection a minute per symbol (4.3 million for 100 symbols over 30 days), so rows are stored as
 * columns, not objects: the names and reasons as ids into one string table (a reason repeats as long as its
 * numbers do), the numbers in typed arrays; 81 bytes a row plus each distinct string once. `at(row)` rebuilds a
 * `RiskRejection` on demand. Every field of `RiskRejection` and `RiskCandidate` has its column: a field added to
 * them needs one here (the object literal in `at` fails to compile while a required one is missing).
 */
export class RiskLog {
  private readonly strings = new StringTable();
  /**
   * The last string seen in each string column and its id. A run passes the same string objects again and again
   * (its risk, symbol, strategy names), and comparing one with itself is instant, while a table lookup hashes it.
   */
  private readonly lastStrings: (string | undefined)[] = [];
  private readonly lastIds: number[] = [];
  private count = 0;
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

  /** Number of rejections recorded. */
  get length(): number {
    return this.count;
  }

  record(rejection: RiskRejection): void {
    if (this.count === this.riskName.length) this.grow();
    const row = this.count++;
    const { candidate } = rejection;
    this.riskName[row] = this.intern(0, rejection.riskName);
    this.rule[row] = this.intern(1, rejection.rule);
    this.reason[row] = this.intern(2, rejection.reason);
    this.symbol[row] = this.intern(3, candidate.symbol);
    this.strategyName[row] = this.intern(4, candidate.strategyName);
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
   * The rows of a risk and a symbol (either may be omitted: every one), in recording order. Filtering compares
   * ids, so no rejection object is built for rows that do not match.
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
      rows.push(row);
    }
    return rows;
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
