import type { Redis } from "ioredis";
import { z } from "zod";

/** One or more `:`-separated segments of `A-Z a-z 0-9 . _ -`, e.g. `candlewick:prod`. */
const KEY_PREFIX = /^[A-Za-z0-9._-]+(:[A-Za-z0-9._-]+)*$/;

/** Duck-typed rather than `instanceof`, so a client from another installed copy of ioredis is accepted. */
function isRedisClient(value: unknown): value is Redis {
  const client = value as Partial<Record<"multi" | "get" | "smembers" | "connect", unknown>> | null;
  return (
    typeof client === "object" &&
    client !== null &&
    ["multi", "get", "smembers", "connect"].every((method) => typeof client[method as "get"] === "function")
  );
}

/** Options of `createRedisPersist`, validated when the adapter is created. */
export const redisPersistOptionsSchema = z
  .strictObject({
    /** An ioredis client to use. Its owner keeps it: `close()` leaves it connected. */
    client: z.custom<Redis>(isRedisClient, "an ioredis Redis client").optional(),
    /** Where to connect when no client is given, e.g. `redis://localhost:6379/0`. Default: ioredis's localhost:6379. */
    url: z
      .string()
      .regex(/^rediss?:\/\//, "a redis:// or rediss:// URL")
      .optional(),
    /** First segment(s) of every key, one per deployment, e.g. `candlewick:prod`. Required: two deployments on one Redis must never share state by accident. */
    keyPrefix: z
      .string()
      .max(200)
      .regex(KEY_PREFIX, "segments of A-Z a-z 0-9 . _ - joined by ':', e.g. candlewick:prod"),
    /** How long an operation waits for a connection (initial or after a loss) before it rejects. */
    connectTimeoutMs: z.number().int().positive().default(5_000),
    /** How long an operation waits for Redis to answer, on a client the adapter creates. */
    commandTimeoutMs: z.number().int().positive().default(5_000),
  })
  .refine((options) => options.client === undefined || options.url === undefined, {
    message: "either client or url, not both",
    path: ["url"],
  });

/** Options accepted by `createRedisPersist`. */
export type RedisPersistOptions = z.input<typeof redisPersistOptionsSchema>;
