import { z } from "zod";
import type { CandlewickConfig } from "../config/candlewick-config.js";
import { CandlewickError } from "../errors/candlewick-error.js";
import { describeValue } from "../errors/describe-value.js";
import type { LedgerSnapshot } from "../kernel/account/ledger-account.js";
import type { RunnerSnapshot } from "../kernel/signal-runner.js";
import { validateSignal } from "../kernel/validate-signal.js";
import type { OrderIntent } from "../orders/order-intent.js";
import { orderIntentSchema } from "../orders/order-intent-schema.js";
import type { JsonValue, PersistKey } from "../spec/persist.js";
import type { LiveResult } from "../spec/tick-result.js";

/**
 * What a live run persists per (strategy, symbol): the runner's state, plus the events of the last transition
 * until they have been delivered (an outbox). A crash after the write and before delivery re-delivers them on
 * restart, so nothing is lost; ids are stable, so a consumer can drop a repeat.
 */
export interface LiveState {
  readonly version: 1;
  readonly exchangeName: string;
  readonly runner: RunnerSnapshot;
  /**
   * The run's part of the live account its engine's runs on this exchange share (absent in state written before
   * 0.3: nothing realised).
   */
  readonly account?: LedgerSnapshot;
  readonly outbox: readonly LiveResult[];
  /** The run's order intents, when it trades through a broker: written before any of them is sent. */
  readonly orders?: readonly OrderIntent[];
  /**
   * Events of this run waiting for the venue's fills of their orders, delivered (with those fills) once settled;
   * not delivered on restart as the outbox is.
   */
  readonly withheld?: readonly LiveResult[];
}

/** The run a stored state is about to be resumed by. */
export interface LiveStateOwner {
  readonly symbol: string;
  readonly strategyName: string;
  readonly config: CandlewickConfig;
}

/**
 * Checks a stored value in full before trusting it: persistence is the source of truth, so anything but a v1 live
 * state of this very (strategy, symbol) is refused — a JSON `null` included — with `BAD_LIVE_STATE` naming the
 * key, the field, its value and what was expected. The stored value is not touched.
 */
export function parseLiveState(
  value: JsonValue | null,
  key: PersistKey,
  adapter: string,
  owner: LiveStateOwner,
): LiveState {
  const header = headerSchema.safeParse(value);
  if (!header.success) throw badState(header.error, value, key, adapter);
  const result = liveStateSchema(owner, header.data.exchangeName).safeParse(value);
  if (!result.success) throw badState(result.error, value, key, adapter);
  return result.data as unknown as LiveState;
}

const stateObject = { error: "expected a live state object" };
const headerSchema = z.looseObject(
  {
    version: z.literal(1, { error: "expected 1 (a Candlewick v1 live state)" }),
    exchangeName: z.string({ error: "expected the exchange name" }).min(1, "expected the exchange name"),
  },
  stateObject,
);

const number = (what: string) => z.number({ error: `expected ${what}` });
const sameAs = (what: string, expected: string) =>
  z.literal(expected, { error: `expected ${JSON.stringify(expected)} (${what})` });

/**
 * The opening rules of a new signal (validate-signal.ts), applied to a stored one: prices finite and > 0, take-profit
 * and stop-loss on the right side of the entry, a whole lifetime > 0, note and id well-formed. The distance and
 * lifetime limits of the config are not re-applied: they decide whether a signal may open, were checked when it
 * did (under the config of the time), and a fill at a better price than the limit legitimately moves the distances.
 */
function checkSignalRules(config: CandlewickConfig) {
  const rules: CandlewickConfig = {
    ...config,
    percentFee: 0,
    percentSlippage: 0,
    minTakeProfitDistancePercent: 0,
    minStopLossDistancePercent: 0,
    maxStopLossDistancePercent: Number.POSITIVE_INFINITY,
    maxSignalLifetimeMinutes: Number.POSITIVE_INFINITY,
  };
  return (row: Record<string, unknown>, ctx: z.RefinementCtx) => {
    // A level the row's own level changes moved may be past the entry (a trailing stop in profit), and DCA adds
    // move the average entry: such a row is held to the sides of the signal as it was accepted, its original
    // levels around its first entry.
    const stopMoved = movedTo(row, "stop_loss") === row.priceStopLoss;
    const takeMoved = movedTo(row, "take_profit") === row.priceTakeProfit;
    const original = {
      ...(stopMoved ? { priceStopLoss: row.originalPriceStopLoss ?? row.priceStopLoss } : {}),
      ...(takeMoved ? { priceTakeProfit: row.originalPriceTakeProfit ?? row.priceTakeProfit } : {}),
      ...(stopMoved || takeMoved ? { priceOpen: firstEntryPrice(row) ?? row.priceOpen } : {}),
    };
    try {
      // No market price: NaN makes the stored priceOpen the entry the sides are measured from.
      // The row's `quantity` is what is held now (0 once closed), not the DTO's size; the fills are checked by the schema.
      const { quantity: _held, ...dto } = row;
      validateSignal(
        { ...dto, ...original },
        Number.NaN,
        rules,
        String(row.strategyName),
        String(row.symbol),
      );
    } catch (error) {
      const reported = (error as { field?: unknown }).field;
      if (!CandlewickError.isInstance(error) || typeof reported !== "string") throw error;
      const field =
        reported in original && reported !== "priceOpen"
          ? `original${reported[0]!.toUpperCase()}${reported.slice(1)}`
          : reported;
      const marker = "signal rejected: ";
      const reason = error.message.includes(marker)
        ? error.message.slice(error.message.indexOf(marker) + marker.length)
        : error.message;
      ctx.addIssue({ code: "custom", path: [field], message: reason });
    }
  };
}

/** Where the row's last change of `level` moved it to (undefined when it never moved). */
function movedTo(row: Record<string, unknown>, level: "stop_loss" | "take_profit"): unknown {
  if (!Array.isArray(row.levelChanges)) return undefined;
  for (let i = row.levelChanges.length - 1; i >= 0; i--) {
    const change = row.levelChanges[i] as { level?: unknown; to?: unknown } | null;
    if (change?.level === level) return change.to;
  }
  return undefined;
}

function firstEntryPrice(row: Record<string, unknown>): unknown {
  const first = Array.isArray(row.entries) ? (row.entries[0] as { price?: unknown } | undefined) : undefined;
  return first?.price;
}

function liveStateSchema(owner: LiveStateOwner, exchangeName: string) {
  const time = number("a time in epoch ms");
  const identity = {
    symbol: sameAs("the run's symbol", owner.symbol),
    strategyName: sameAs("the run's strategy", owner.strategyName),
    exchangeName: sameAs("the state's exchange", exchangeName),
  };
  const amount = (what: string) =>
    z
      .number({ error: `expected ${what}` })
      .finite(`expected ${what}`)
      .min(0, `expected ${what}`);
  const fill = z.looseObject(
    {
      side: z.enum(["entry", "exit"], { error: 'expected "entry" or "exit"' }),
      reason: z.string({ error: "expected a fill reason" }),
      timestamp: time,
      price: number("a finite price > 0"),
      fillPrice: number("a finite price > 0"),
      quantity: amount("a quantity ≥ 0"),
      value: amount("a value ≥ 0"),
      fee: amount("a fee ≥ 0"),
    },
    { error: "expected a fill" },
  );
  const levelChange = z.looseObject(
    {
      timestamp: time,
      level: z.enum(["stop_loss", "take_profit"], { error: 'expected "stop_loss" or "take_profit"' }),
      from: number("a finite price > 0"),
      to: number("a finite price > 0"),
      cause: z.string({ error: "expected a cause" }),
    },
    { error: "expected a level change" },
  );
  const signal = z
    .looseObject(
      {
        id: z.string({ error: "expected a signal id" }).min(1, "expected a non-empty signal id"),
        ...identity,
        frameName: z.string({ error: "expected a string" }),
        position: z.enum(["long", "short"], { error: 'expected "long" or "short"' }),
        priceOpen: number("a finite price > 0"),
        priceTakeProfit: number("a finite price > 0"),
        priceStopLoss: number("a finite price > 0"),
        minuteEstimatedTime: number("a whole number of minutes > 0"),
        note: z.string({ error: "expected a string" }).optional(),
        scheduledAt: time,
        pendingAt: time,
        // Absent in state written before positions (0.1); the runner upgrades such a row on restore.
        quantity: amount("a base quantity ≥ 0").optional(),
        entries: z.array(fill, { error: "expected an array of fills" }).optional(),
        exits: z.array(fill, { error: "expected an array of fills" }).optional(),
        levelChanges: z.array(levelChange, { error: "expected an array of level changes" }).optional(),
        originalPriceTakeProfit: number("a finite price > 0").optional(),
        originalPriceStopLoss: number("a finite price > 0").optional(),
      },
      { error: "expected a signal object" },
    )
    .superRefine(checkSignalRules(owner.config));
  const pnl = z.looseObject(
    {
      pnlPercentage: number("a number"),
      priceOpen: number("a price"),
      priceClose: number("a price"),
      peakPercentage: number("a number"),
      troughPercentage: number("a number"),
    },
    { error: "expected a pnl object" },
  );
  const base = {
    ...identity,
    frameName: z.string({ error: "expected a string" }),
    backtest: z.literal(false, { error: "expected false (a live result)" }),
    timestamp: time,
    currentPrice: number("a price"),
    signal,
  };
  const result = z.discriminatedUnion(
    "action",
    [
      z.looseObject({ action: z.literal("scheduled"), ...base }),
      z.looseObject({ action: z.literal("opened"), ...base }),
      z.looseObject({
        action: z.literal("closed"),
        ...base,
        closeReason: z.enum(["take_profit", "stop_loss", "time_expired", "end_of_data", "closed"], {
          error: "expected a close reason",
        }),
        closeTimestamp: time,
        pnl,
      }),
      z.looseObject({
        action: z.literal("cancelled"),
        ...base,
        closeReason: z.literal("cancelled", { error: 'expected "cancelled"' }),
        cancelReason: z.enum(["timeout", "price_reject", "end_of_data", "user", "entry_rejected"], {
          error: "expected a cancel reason",
        }),
        closeTimestamp: time,
        pnl,
      }),
    ],
    { error: 'expected a live result ("scheduled", "opened", "closed" or "cancelled")' },
  );
  const runner = z
    .looseObject(
      {
        phase: z.enum(["idle", "scheduled", "opened"], { error: 'expected "idle", "scheduled" or "opened"' }),
        signal: signal.nullable(),
        scanFrom: time,
        firstCandle: z.enum(["full", "stop-only"], { error: 'expected "full" or "stop-only"' }),
        extremes: z.looseObject(
          { best: number("a price"), worst: number("a price") },
          { error: "expected the best and worst prices" },
        ),
        lastSignalBucket: time.nullable().optional(),
        idleSince: time.nullable().optional(),
        basis: amount("a cost basis ≥ 0").optional(),
      },
      { error: "expected the runner's snapshot" },
    )
    .superRefine((snapshot, ctx) => {
      if ((snapshot.phase === "idle") !== (snapshot.signal === null)) {
        ctx.addIssue({
          code: "custom",
          path: ["signal"],
          message:
            snapshot.phase === "idle"
              ? 'expected null while the phase is "idle"'
              : `expected a signal while the phase is "${snapshot.phase}"`,
        });
      }
    });
  return z.looseObject(
    {
      version: z.literal(1),
      exchangeName: z.string(),
      runner,
      account: z
        .looseObject(
          {
            realized: number("a finite quote amount").finite("expected a finite quote amount"),
            day: z.number({ error: "expected a UTC day number" }).int("expected a UTC day number").nullable(),
            dayPnl: number("a finite quote amount").finite("expected a finite quote amount"),
          },
          { error: "expected the run's account ledger" },
        )
        .optional(),
      outbox: z.array(result, { error: "expected an array of live results" }),
      orders: z.array(orderIntentSchema, { error: "expected an array of order intents" }).optional(),
      withheld: z.array(result, { error: "expected an array of live results" }).optional(),
    },
    stateObject,
  );
}

function badState(error: z.ZodError, value: unknown, key: PersistKey, adapter: string): CandlewickError {
  const issue = error.issues[0]!;
  const path = issue.path.map(String);
  let found: unknown = value;
  for (const part of issue.path) {
    found =
      found !== null && typeof found === "object" ? (found as Record<PropertyKey, unknown>)[part] : undefined;
  }
  const field = path.length === 0 ? "(state)" : path.join(".");
  const expected = issue.message.replace(/^"[^"]*" is .*?; (?=expected )/, "");
  const where = `${key.namespace}/${key.strategyName}/${key.symbol}`;
  return new CandlewickError(
    "BAD_LIVE_STATE",
    `[core] the live state stored by persist-${adapter} at ${where} is not a valid Candlewick v1 live state of this run: "${field}" is ${describeValue(found)}; ${expected}. It was left untouched: inspect it, then move it aside to start fresh`,
    { details: { key, adapter, field, value: found, expected }, cause: error },
  );
}
