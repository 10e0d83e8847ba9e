import { InvalidArgumentError, instanceLabel, maskUrlUserInfo, parseWithSchema } from "@candlewick/core";
import type { Redis } from "ioredis";
import { z } from "zod";

import { redisUrlProblem } from "./redis-url-problem.js";

/** One or more `:`-separated segments of `A-Z a-z 0-9 . _ -`, e.g. `candlewick:prod`. */
const KEY_PREFIX = /^[A-Za-z0-9._-]+(:[A-Za-z0-9._-]+)*$/;
/** Longest wait an option may ask for: 10 minutes. Longer would look like a hang to the live loop. */
const MAX_MS = 600_000;

/** Duck-typed rather than `instanceof`, so a client from another installed copy of ioredis is accepted. */
function isRedisClient(value: unknown): value is Redis {
  const client = value as Partial<Record<"multi" | "get" | "smembers" | "connect", unknown>> | null;
  return (
    typeof client === "object" &&
    client !== null &&
    ["multi", "get", "smembers", "connect"].every((method) => typeof client[method as "get"] === "function")
  );
}

/** A whole number of milliseconds in `[min, MAX_MS]`; every failed check says the same, complete, thing. */
function milliseconds(min: 0 | 1, fallback: number) {
  const expected = `a whole number of milliseconds from ${min} to ${MAX_MS}`;
  return z
    .number({ error: expected })
    .int(expected)
    .min(min, expected)
    .max(MAX_MS, expected)
    .default(fallback);
}

/** Options of `createRedisPersist`, validated when the adapter is created. */
export const redisPersistOptionsSchema = z
  .strictObject({
    /** An ioredis client to use. Its owner keeps it: `close()` leaves it connected. */
    client: z.custom<Redis>(isRedisClient, "an ioredis Redis client").optional(),
    /** Where to connect when no client is given, e.g. `redis://localhost:6379/0`. Default: ioredis's localhost:6379. */
    url: z
      .string()
      .superRefine((url, context) => {
        const problem = redisUrlProblem(url);
        if (problem !== undefined) context.addIssue({ code: "custom", message: problem });
      })
      .optional(),
    /** First segment(s) of every key, one per deployment, e.g. `candlewick:prod`. Required: two deployments on one Redis must never share state by accident. */
    keyPrefix: z
      .string()
      .max(200)
      .regex(KEY_PREFIX, "segments of A-Z a-z 0-9 . _ - joined by ':', e.g. candlewick:prod"),
    /** How long one try of an operation waits for a connection (initial or after a loss) before it fails. */
    connectTimeoutMs: milliseconds(1, 5_000),
    /** How long an operation waits for Redis to answer, on a client the adapter creates. */
    commandTimeoutMs: milliseconds(1, 5_000),
    /**
     * How long an operation that failed on a connection problem is tried again, counted from its start,
     * before it rejects. `0`: no retry.
     */
    retryForMs: milliseconds(0, 10_000),
    /** Pause before the first retry; doubled after each failed try, up to `retryMaxDelayMs`. */
    retryDelayMs: milliseconds(1, 50),
    /** Longest pause between two tries. */
    retryMaxDelayMs: milliseconds(1, 1_000),
  })
  .refine((options) => options.client === undefined || options.url === undefined, {
    message: "either client or url, not both",
    path: ["url"],
  })
  .refine((options) => options.retryDelayMs <= options.retryMaxDelayMs, {
    message: "at most retryMaxDelayMs",
    path: ["retryDelayMs"],
  });

/** Options accepted by `createRedisPersist`. */
export type RedisPersistOptions = z.input<typeof redisPersistOptionsSchema>;
/** Options once validated, with their defaults. */
export type ParsedRedisPersistOptions = z.output<typeof redisPersistOptionsSchema>;

/**
 * Validates the options. The error names the field and what was expected, and shows its value with any
 * credential masked: core's errors mask credential-named fields and well-formed URL passwords; this adds a
 * malformed `url` (see `maskUrlUserInfo`) and a `client` that is not one (shown by its class only).
 *
 * @throws InvalidArgumentError naming the first bad option.
 */
export function parseRedisPersistOptions(component: string, options: unknown): ParsedRedisPersistOptions {
  try {
    return parseWithSchema(component, redisPersistOptionsSchema, options);
  } catch (error) {
    if (!(error instanceof InvalidArgumentError)) throw error;
    // Rebuilt without the zod error as cause: the message and fields say all, and nothing unredacted stays.
    throw new InvalidArgumentError(
      component,
      error.field,
      safeValue(error.field, error.value),
      error.expected,
    );
  }
}

function safeValue(field: string, value: unknown): unknown {
  if (field === "url" && typeof value === "string") return maskUrlUserInfo(value);
  return instanceLabel(value) ?? value;
}
