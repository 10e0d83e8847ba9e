import type { Redis } from "ioredis";

/**
 * Resolves once `client` can take commands, starting the connection of a lazy client. While a connection is
 * being (re)established it waits up to `timeoutMs`, so a short network blip does not fail an operation, and
 * then rejects: a longer outage must reach the caller, never hang it.
 */
export async function waitUntilReady(client: Redis, timeoutMs: number): Promise<void> {
  if (client.status === "ready") return;
  if (client.status === "end") throw new Error("the Redis connection was closed");
  // Operations arriving together share one wait, rather than each adding listeners to the client.
  let pending = waiting.get(client);
  if (pending === undefined) {
    pending = waitForReadyEvent(client, timeoutMs).finally(() => waiting.delete(client));
    waiting.set(client, pending);
  }
  await pending;
}

const waiting = new WeakMap<Redis, Promise<void>>();

async function waitForReadyEvent(client: Redis, timeoutMs: number): Promise<void> {
  if (client.status === "wait") {
    // Failures surface through the status events below; this promise would only repeat them.
    client.connect().catch(() => undefined);
  }
  await new Promise<void>((resolve, reject) => {
    const settle = (outcome: () => void) => () => {
      clearTimeout(timer);
      client.off("ready", onReady);
      client.off("end", onEnd);
      outcome();
    };
    const onReady = settle(resolve);
    const onEnd = settle(() => reject(new Error("the Redis connection was closed")));
    const timer = setTimeout(
      settle(() =>
        reject(new Error(`no Redis connection within ${timeoutMs} ms (status: ${client.status})`)),
      ),
      timeoutMs,
    );
    client.on("ready", onReady);
    client.on("end", onEnd);
  });
}
