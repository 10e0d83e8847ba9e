import { z } from "zod";
import { CandlewickError } from "../errors/candlewick-error.js";
import { parseWithSchema } from "../validation/parse-with-schema.js";
import type { OrderIntent } from "./order-intent.js";

/**
 * Hard limits on what a live deployment may send, checked on every order before it leaves, whatever the strategy
 * or its risks said. Amounts in the quote currency. Exits are never blocked: a rail must not keep a position open.
 */
export interface SafetyRailOptions {
  /** Largest notional of one entry or add (quantity × expected price). */
  readonly maxOrderNotional?: number;
  /** Largest notional held in open positions, this order included. */
  readonly maxOpenNotional?: number;
  /**
   * Kill switch: once the day's realised loss (since 00:00 UTC, fees included) reaches this, the deployment halts:
   * no new entry or add is sent, resting entries are cancelled, and with `flattenOnKill` the positions are closed.
   */
  readonly maxDailyLoss?: number;
  /** Close every position when the kill switch trips (default false: keep them, with their stops). */
  readonly flattenOnKill?: boolean;
}

const amount = z
  .number({ error: "an amount in quote currency > 0" })
  .positive("an amount in quote currency > 0");
const schema = z.strictObject({
  maxOrderNotional: amount.optional(),
  maxOpenNotional: amount.optional(),
  maxDailyLoss: amount.optional(),
  flattenOnKill: z.boolean().optional(),
});

/** What the rails need to know about the account when an order is about to leave. */
export interface RailContext {
  /** Σ notional of the open positions (cost basis), before this order. */
  readonly openNotional: number;
  /** Realised PnL today (negative for a loss), fees included. */
  readonly dayPnl: number;
}

/** Why an order was stopped by a rail. */
export interface RailVerdict {
  readonly rail: "maxOrderNotional" | "maxOpenNotional" | "maxDailyLoss" | "halted";
  readonly reason: string;
}

/** The rails of one deployment, with its kill switch. */
export class SafetyRails {
  private readonly options: SafetyRailOptions;
  private haltReason: string | null = null;

  constructor(options: SafetyRailOptions = {}) {
    this.options = parseWithSchema("safety rails", schema, options);
  }

  /** True once the kill switch tripped or `halt` was called; only exits go out from then on. */
  get halted(): boolean {
    return this.haltReason !== null;
  }

  /** Why trading is halted (null while it is not). */
  get haltedBecause(): string | null {
    return this.haltReason;
  }

  get flattenOnKill(): boolean {
    return this.options.flattenOnKill ?? false;
  }

  /** Stops every new entry and add (an operator's halt, or the kill switch). */
  halt(reason: string): void {
    this.haltReason ??= reason;
  }

  /** Trips the kill switch when the day's loss reached `maxDailyLoss`; returns whether it is tripped. */
  watch(context: RailContext): boolean {
    const limit = this.options.maxDailyLoss;
    if (limit !== undefined && -context.dayPnl >= limit) {
      this.halt(`the day's realised loss ${round(-context.dayPnl)} reached maxDailyLoss ${limit}`);
    }
    return this.halted;
  }

  /** Null when `intent` may be sent; the rail that stops it otherwise. Exits always pass. */
  check(intent: OrderIntent, context: RailContext): RailVerdict | null {
    const leg = intent.leg.kind;
    if (leg !== "entry" && leg !== "add") return null;
    if (this.watch(context)) return { rail: "halted", reason: `trading is halted: ${this.haltReason}` };
    const price = intent.request.expectedPrice ?? intent.request.price ?? intent.request.triggerPrice;
    if (price === undefined) return null;
    const notional = intent.request.quantity * price;
    const { maxOrderNotional, maxOpenNotional } = this.options;
    if (maxOrderNotional !== undefined && notional > maxOrderNotional) {
      return {
        rail: "maxOrderNotional",
        reason: `the order's notional ${round(notional)} is above maxOrderNotional ${maxOrderNotional}`,
      };
    }
    if (maxOpenNotional !== undefined && context.openNotional + notional > maxOpenNotional) {
      return {
        rail: "maxOpenNotional",
        reason: `open notional would be ${round(context.openNotional + notional)} (${round(context.openNotional)} held + ${round(notional)}), above maxOpenNotional ${maxOpenNotional}`,
      };
    }
    return null;
  }

  /** The error a halted deployment reports once. */
  haltedError(): CandlewickError {
    return new CandlewickError(
      "TRADING_HALTED",
      `[core] trading is halted: ${this.haltReason ?? "not halted"}`,
      {
        details: { reason: this.haltReason },
      },
    );
  }
}

const round = (value: number): string => String(Math.round(value * 100) / 100);
