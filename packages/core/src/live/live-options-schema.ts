import { z } from "zod";
import { INTERVAL_MS } from "../candles/interval.js";
import type { Broker } from "../spec/broker.js";
import type { PersistAdapter } from "../spec/persist.js";
import type { LiveClock } from "./live-clock.js";

const PERSIST_METHODS = ["read", "write", "delete", "has", "keys"] as const;
const CLOCK_METHODS = ["now", "sleepUntil", "delay"] as const;

const hasMethods = (value: unknown, methods: readonly string[]): boolean =>
  typeof value === "object" &&
  value !== null &&
  methods.every((method) => typeof (value as Record<string, unknown>)[method] === "function");

const milliseconds = z
  .number({ error: "a finite number of milliseconds >= 0" })
  .min(0, "a finite number of milliseconds >= 0");

/** `retry`: every field optional (the defaults fill in), each one bounded so a run always gets past a bad tick. */
export const retryOptionsSchema = z.strictObject(
  {
    attempts: z
      .int({ error: "a whole number of attempts >= 1" })
      .min(1, "a whole number of attempts >= 1")
      .optional(),
    baseDelayMs: milliseconds.optional(),
    maxDelayMs: milliseconds.optional(),
  },
  { error: "an object { attempts?, baseDelayMs?, maxDelayMs? }" },
);

/** The live-only options of `Live.run` / `Live.background` (the strategy and exchange are checked by the registry). */
export const liveOptionsSchema = z.looseObject({
  clock: z
    .custom<LiveClock>(
      (value) => hasMethods(value, CLOCK_METHODS),
      "a clock with now(), sleepUntil() and delay() (the system clock, or createReplay(...).clock)",
    )
    .optional(),
  persist: z
    .custom<PersistAdapter>(
      (value) =>
        hasMethods(value, PERSIST_METHODS) && (value as PersistAdapter).specificationVersion === "v1",
      'a persistence adapter: specificationVersion "v1" with read, write, delete, has and keys (createMemoryPersist(), persist-fs, persist-redis)',
    )
    .optional(),
  tickInterval: z
    .string({ error: 'a candle interval such as "1m"' })
    .refine((value) => Object.hasOwn(INTERVAL_MS, value), 'a candle interval such as "1m"')
    .optional(),
  tickDelayMs: milliseconds.optional(),
  retry: retryOptionsSchema.optional(),
  broker: z
    .custom<Broker>(
      (value) =>
        typeof value === "object" && value !== null && (value as Broker).specificationVersion === "v1",
      'a broker: specificationVersion "v1" (createPaperBroker(), @candlewick/broker-ccxt)',
    )
    .optional(),
  orderPrefix: z
    .string()
    .regex(/^[A-Za-z0-9]{1,8}$/, "1 to 8 letters or digits")
    .optional(),
  rails: z
    .looseObject(
      {},
      {
        error:
          "an object of safety rails { maxOrderNotional?, maxOpenNotional?, maxDailyLoss?, flattenOnKill? }",
      },
    )
    .optional(),
  reconcileEveryMs: z
    .union([z.literal(false), z.int().min(1000, "false, or a whole number of milliseconds >= 1000")], {
      error: "false, or a whole number of milliseconds >= 1000",
    })
    .optional(),
  progressWrites: z.enum(["tick", "checkpoint"], { error: 'one of "tick", "checkpoint"' }).optional(),
  maxFailedTicks: z
    .int({ error: "a whole number of ticks >= 1" })
    .min(1, "a whole number of ticks >= 1")
    .optional(),
});
