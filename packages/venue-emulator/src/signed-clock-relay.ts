import { createServer, request as httpRequest, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { InvalidArgumentError } from "@candlewick/core";

/**
 * A loopback HTTP relay in front of the emulator that reads the `timestamp` of every signed request on its way
 * through. Its `now` is the latest one seen: give it to the emulator as `clock`, and the venue follows the clock
 * its client signs with, which is how a client in another process (the `candlewick` CLI on a replay, signing with
 * the replay's time) drives the venue's clock: each order is matched at the simulated minute the client is at.
 */
export interface SignedClockRelay {
  /** The latest signed `timestamp` seen (ms), 0 before the first. Pass it as the emulator's `clock` option. */
  readonly now: () => number;
  /** Where clients connect (after `start`). */
  readonly url: string;
  /** Listens on 127.0.0.1 (any free port), relaying to `target` (the started emulator's `url`). */
  start(target: string): Promise<string>;
  /** Closes the relay and every connection through it. */
  stop(): Promise<void>;
}

/**
 * Creates the relay. Create it first, pass `relay.now` as the emulator's `clock`, start the emulator, then
 * `relay.start(emulator.url)` and point the client at `relay.url`. A request the emulator drops or resets is
 * dropped to the client too, so faults look the same through the relay.
 */
export function createSignedClockRelay(): SignedClockRelay {
  let latest = 0;
  let server: Server | undefined;
  let url: string | undefined;

  const observe = (text: string) => {
    const stamp = Number(new URLSearchParams(text).get("timestamp"));
    if (Number.isSafeInteger(stamp) && stamp > latest) latest = stamp;
  };

  const relay = (
    target: URL,
    incoming: IncomingMessage,
    body: Buffer,
    reply: (upstream: IncomingMessage) => void,
  ) =>
    httpRequest(
      {
        host: target.hostname,
        port: target.port,
        method: incoming.method,
        path: incoming.url,
        headers: incoming.headers,
      },
      reply,
    ).end(body);

  return {
    now: () => latest,
    get url() {
      if (url === undefined)
        throw new InvalidArgumentError(
          "signed clock relay",
          "url",
          undefined,
          "a started relay (await start(emulator.url))",
        );
      return url;
    },
    async start(targetUrl) {
      if (url !== undefined) return url;
      const target = new URL(targetUrl);
      const created = createServer((incoming, response) => {
        const chunks: Buffer[] = [];
        incoming.on("data", (chunk: Buffer) => chunks.push(chunk));
        incoming.on("end", () => {
          const body = Buffer.concat(chunks);
          observe((incoming.url ?? "").split("?")[1] ?? "");
          observe(body.toString("utf8"));
          const upstream = relay(target, incoming, body, (answer) => {
            response.writeHead(answer.statusCode ?? 502, answer.headers);
            answer.pipe(response);
            answer.on("error", () => response.destroy());
          });
          // The venue dropped or reset the connection: the client must see the same.
          upstream.on("error", () => response.socket?.destroy());
          response.on("close", () => {
            if (!response.writableFinished) upstream.destroy();
          });
        });
      });
      await new Promise<void>((resolve, reject) => {
        created.once("error", reject);
        created.listen(0, "127.0.0.1", () => resolve());
      });
      server = created;
      url = `http://127.0.0.1:${(created.address() as AddressInfo).port}`;
      return url;
    },
    async stop() {
      const closing = server;
      server = undefined;
      url = undefined;
      if (closing === undefined) return;
      closing.closeAllConnections();
      await new Promise<void>((resolve) => closing.close(() => resolve()));
    },
  };
}
