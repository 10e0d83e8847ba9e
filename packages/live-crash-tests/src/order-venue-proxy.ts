/**
 * A loopback HTTP proxy in front of the venue emulator, in the test process, that the order-crash child talks to
 * instead of the emulator itself. It does two things the emulator cannot do from outside a request:
 *
 * - **the venue's clock follows the child's replay clock**: every signed Binance request carries the `timestamp`
 *   the child's ccxt signed with (its replay clock); the proxy moves the venue to it before forwarding, so each
 *   order reaches the matching engine at the virtual time the run sent it, in every process of a chain;
 * - **kills in flight**: `hold(request)` may claim a request; the proxy then forwards it, lets the venue apply
 *   it, and instead of relaying the answer hands it to the caller (who SIGKILLs the child) and drops the
 *   connection — the order is at the venue, its answer never reached the process.
 */
import { createServer, request as httpRequest, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import type { VenueEmulator } from "@candlewick/venue-emulator";

/** A request as the proxy saw it: method and path (no signature or key: nothing secret is kept). */
export interface ProxiedRequest {
  readonly method: string;
  readonly path: string;
  /** The signed timestamp (the child's replay clock), when the request is signed. */
  readonly timestamp: number | undefined;
}

export interface VenueProxy {
  readonly url: string;
  /**
   * Decides per request whether it is killed in flight: return a callback and the proxy calls it (and awaits
   * it) once the venue has applied the request, before any byte of the answer is relayed; the connection is then
   * destroyed.
   */
  hold: ((request: ProxiedRequest) => (() => Promise<void>) | undefined) | undefined;
  stop(): Promise<void>;
}

function signedTimestamp(query: string, body: string): number | undefined {
  const text = new URLSearchParams(query).get("timestamp") ?? new URLSearchParams(body).get("timestamp");
  return text === null ? undefined : Number(text);
}

async function readBody(incoming: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of incoming) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Starts the proxy on a free loopback port, forwarding to `venue` (started). */
export async function startVenueProxy(venue: VenueEmulator): Promise<VenueProxy> {
  const target = new URL(venue.url);
  const sockets = new Set<Socket>();
  const proxy: VenueProxy = { url: "", hold: undefined, stop: async () => {} };
  const server: Server = createServer((incoming, outgoing) => {
    void (async () => {
      const body = await readBody(incoming);
      const url = new URL(incoming.url ?? "/", "http://proxy");
      const seen: ProxiedRequest = {
        method: (incoming.method ?? "GET").toUpperCase(),
        path: url.pathname,
        timestamp: signedTimestamp(url.search.slice(1), body.toString()),
      };
      if (seen.timestamp !== undefined) venue.advanceTo(seen.timestamp);
      const held = proxy.hold?.(seen);
      const headers = { ...incoming.headers, host: target.host };
      const answer = await new Promise<{ status: number; headers: object; body: Buffer }>(
        (resolve, reject) => {
          const forwarded = httpRequest(
            {
              host: target.hostname,
              port: target.port,
              method: seen.method,
              path: incoming.url,
              headers,
            },
            (response) => {
              readBody(response).then(
                (data) =>
                  resolve({ status: response.statusCode ?? 502, headers: response.headers, body: data }),
                reject,
              );
            },
          );
          forwarded.once("error", reject);
          forwarded.end(body);
        },
      );
      if (held !== undefined) {
        await held();
        outgoing.destroy();
        return;
      }
      outgoing.writeHead(answer.status, answer.headers as Record<string, string>);
      outgoing.end(answer.body);
    })().catch((error: unknown) => {
      // The child died with the connection open (a kill): nothing to answer.
      if (!outgoing.destroyed) outgoing.destroy(error instanceof Error ? error : new Error(String(error)));
    });
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return Object.assign(proxy, {
    url: `http://127.0.0.1:${port}`,
    stop: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  });
}
