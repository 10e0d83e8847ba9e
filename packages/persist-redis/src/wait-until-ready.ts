import type { Redis } from "ioredis";
import { CONNECTION_ENDED, isAuthFailure, NOT_READY } from "./retryable-redis-error.js";

/**
 * Resolves once `client` can take commands, starting the connection of a lazy client. While a connection is
 * being (re)established it waits up to `timeoutMs`, then rejects with an error coded `ERR_REDIS_NOT_READY`:
 * a longer outage must reach the caller, never hang it. A closed client, or a server refusing the
 * credentials, rejects at once: waiting would not help.
 */
export async function waitUntilReady(client: Redis, timeoutMs: number): Promise<void> {
  if (client.status === "ready") return;
  if (client.status === "end") throw connectionEnded();
  // Operations waiting together share one set of listeners on the client; each keeps its own deadline.
  let ready = waiting.get(client);
  if (ready === undefined) {
    ready = readyEvent(client).finally(() => waiting.delete(client));
    ready.catch(() => undefined);
    waiting.set(client, ready);
  }
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const error = new Error(`no Redis connection within ${timeoutMs} ms (status: ${client.status})`);
      reject(Object.assign(error, { code: NOT_READY, status: client.status }));
    }, timeoutMs);
  });
  try {
    await Promise.race([ready, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

const waiting = new WeakMap<Redis, Promise<void>>();

function connectionEnded(): Error {
  return Object.assign(new Error("the Redis connection was closed"), { code: CONNECTION_ENDED });
}

function readyEvent(client: Redis): Promise<void> {
  if (client.status === "wait") {
    // Failures surface through the events below; this promise would only repeat them.
    client.connect().catch(() => undefined);
  }
  return new Promise<void>((resolve, reject) => {
    const settle = (outcome: () => void) => () => {
      client.off("ready", onReady);
      client.off("end", onEnd);
      client.off("error", onError);
      outcome();
    };
    const onReady = settle(resolve);
    const onEnd = settle(() => reject(connectionEnded()));
    const onError = (error: Error) => {
      if (isAuthFailure(error)) settle(() => reject(error))();
    };
    client.on("ready", onReady);
    client.on("end", onEnd);
    client.on("error", onError);
  });
}
