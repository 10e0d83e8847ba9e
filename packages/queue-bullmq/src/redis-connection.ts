import type { ConnectionOptions, RedisOptions } from "bullmq";
import { z } from "zod";

/** The parts of an ioredis client used here; duck-typed so a client of another installed ioredis is accepted. */
export interface RedisClientLike {
  duplicate(override?: Partial<RedisOptions>): unknown;
  connect(): Promise<unknown>;
  disconnect(): void;
}

function isRedisClient(value: unknown): value is RedisClientLike {
  const client = value as Partial<Record<"duplicate" | "connect" | "disconnect", unknown>> | null;
  return (
    typeof client === "object" &&
    client !== null &&
    ["duplicate", "connect", "disconnect"].every(
      (method) => typeof client[method as "connect"] === "function",
    )
  );
}

/** What is wrong with a Redis URL, as the "expected" part of an error, or `undefined` when it is usable. */
function redisUrlProblem(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return "a redis:// or rediss:// URL, e.g. redis://127.0.0.1:6379/0";
  }
  if (parsed.protocol !== "redis:" && parsed.protocol !== "rediss:") {
    return "a redis:// or rediss:// URL, e.g. redis://127.0.0.1:6379/0";
  }
  if (parsed.hostname === "") return "a redis:// URL with a host, e.g. redis://127.0.0.1:6379";
  if (!/^(\/(\d+)?)?$/.test(parsed.pathname)) {
    return "a database number as the URL's path, e.g. redis://127.0.0.1:6379/0";
  }
  try {
    decodeURIComponent(parsed.username);
    decodeURIComponent(parsed.password);
  } catch {
    return "a URL whose username and password are percent-encoded";
  }
  return undefined;
}

/** `connection`: a Redis URL (`redis://[user:password@]host[:port][/db]`, `rediss://` for TLS) or an ioredis client. */
export const connectionSchema = z.union(
  [
    z.string().superRefine((url, context) => {
      const problem = redisUrlProblem(url);
      if (problem !== undefined) context.addIssue({ code: "custom", message: problem });
    }),
    z.custom<RedisClientLike>(isRedisClient, "an ioredis client"),
  ],
  { error: "a redis:// URL or an ioredis client" },
);

/** A BullMQ queue name: no `:` (BullMQ joins key parts with it). */
export const queueNameSchema = z
  .string()
  .regex(/^[A-Za-z0-9._-]{1,100}$/, "1 to 100 of A-Z a-z 0-9 . _ -, e.g. candlewick-trials")
  .default("candlewick-trials");

/** The first part of every key of the queue, shared by the producer and its workers. */
export const prefixSchema = z
  .string()
  .regex(/^[A-Za-z0-9._-]{1,100}$/, "1 to 100 of A-Z a-z 0-9 . _ -")
  .default("candlewick");

/**
 * What a BullMQ object gets from a `connection` option, and how to release it. A URL becomes ioredis options
 * (BullMQ creates and closes its own clients); a client is duplicated, so the blocking reads of workers and
 * event listeners never stall the caller's client and closing the queue leaves the caller's client connected.
 * `maxRetriesPerRequest: null` is what BullMQ requires of a worker's connection: a command waits for Redis to
 * come back rather than fail the worker.
 */
export function bullConnection(connection: string | RedisClientLike): {
  readonly connection: ConnectionOptions;
  release(): void;
} {
  if (typeof connection !== "string") {
    const client = connection.duplicate({ maxRetriesPerRequest: null }) as RedisClientLike;
    return { connection: client as unknown as ConnectionOptions, release: () => client.disconnect() };
  }
  const url = new URL(connection);
  const options: RedisOptions = {
    host: url.hostname.replace(/^\[(.*)\]$/, "$1"),
    port: url.port === "" ? 6379 : Number(url.port),
    db: url.pathname.length > 1 ? Number(url.pathname.slice(1)) : 0,
    maxRetriesPerRequest: null,
    ...(url.username === "" ? {} : { username: decodeURIComponent(url.username) }),
    ...(url.password === "" ? {} : { password: decodeURIComponent(url.password) }),
    ...(url.protocol === "rediss:" ? { tls: {} } : {}),
  };
  return { connection: options, release: () => undefined };
}
