import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { authenticate, type Credentials } from "../binance/authenticate.js";
import { BinanceReject } from "../binance/binance-reject.js";
import type { Route, VenueContext } from "../binance/route.js";
import { type Fault, FaultTable } from "./faults.js";
import { type LoggedRequest, type RequestOutcome, redactParams } from "./request-log.js";
import type { VenueRequest, VenueResponse } from "./venue-request.js";

export interface VenueServerOptions<C extends VenueContext> {
  readonly host: string;
  readonly port: number;
  readonly routes: Readonly<Record<string, Route<C>>>;
  readonly context: C;
  readonly credentials: Credentials;
  /** Called first on every request: lets the venue's clock catch up with an external one. */
  readonly beforeRequest: () => void;
}

/** Faults that answer (or refuse) before the request reaches the engine. */
const BEFORE = ["rate-limit", "server-error"] as const;
/** Faults that let the engine act, then lose or hold the answer. */
const AFTER = ["drop-response", "hang", "delay", "server-error"] as const;

/** The loopback HTTP server: Binance's routes behind authentication, the fault table and the request log. */
export class VenueServer<C extends VenueContext = VenueContext> {
  readonly faults = new FaultTable();
  readonly log: LoggedRequest[] = [];
  readonly #options: VenueServerOptions<C>;
  readonly #sockets = new Set<Socket>();
  readonly #hung = new Set<ServerResponse>();
  #server: Server | undefined;
  #url: string | undefined;

  constructor(options: VenueServerOptions<C>) {
    this.#options = options;
  }

  get url(): string | undefined {
    return this.#url;
  }

  async start(): Promise<string> {
    if (this.#url !== undefined) return this.#url;
    const server = createServer((request, response) => {
      this.#onRequest(request, response).catch((error: unknown) => {
        // A bug in the emulator must be visible to the test, not turned into a venue answer.
        response.destroy(error instanceof Error ? error : new Error(String(error)));
        throw error;
      });
    });
    server.on("connection", (socket) => {
      // The venue catches up with its external clock here too: otherwise a refused connection never moves
      // the clock, and a `networkDown({ untilVenueTime })` would never end.
      this.#options.beforeRequest();
      if (this.faults.networkDown(this.#options.context.engine.now())) {
        socket.destroy();
        return;
      }
      this.#sockets.add(socket);
      socket.on("close", () => this.#sockets.delete(socket));
    });
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(this.#options.port, this.#options.host, () => resolve());
    });
    this.#server = server;
    const { port } = server.address() as AddressInfo;
    this.#url = `http://${this.#options.host}:${port}`;
    return this.#url;
  }

  async stop(): Promise<void> {
    const server = this.#server;
    if (server === undefined) return;
    this.#server = undefined;
    this.#url = undefined;
    this.dropConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Destroys every open connection, including requests held by a `hang` fault. */
  dropConnections(): void {
    for (const response of this.#hung) response.destroy();
    this.#hung.clear();
    for (const socket of this.#sockets) socket.destroy();
    this.#sockets.clear();
  }

  async #onRequest(incoming: IncomingMessage, response: ServerResponse): Promise<void> {
    const body = await readBody(incoming);
    this.#options.beforeRequest();
    const { engine } = this.#options.context;
    const venueTime = engine.now();
    const url = new URL(incoming.url ?? "/", "http://venue");
    const query = url.search.startsWith("?") ? url.search.slice(1) : url.search;
    const params = new URLSearchParams(query);
    for (const [key, value] of new URLSearchParams(body)) params.append(key, value);
    const request: VenueRequest = {
      method: (incoming.method ?? "GET").toUpperCase(),
      path: url.pathname,
      query,
      body,
      headers: incoming.headers,
      params,
    };
    const record = (
      status: number | undefined,
      code: number | undefined,
      outcome: RequestOutcome,
      applied: boolean,
      fault?: Fault,
    ) =>
      this.log.push({
        seq: this.log.length + 1,
        venueTime,
        method: request.method,
        path: request.path,
        params: redactParams(params),
        status,
        binanceCode: code,
        outcome,
        applied,
        fault: fault?.kind,
      });

    if (this.faults.networkDown(venueTime)) {
      record(undefined, undefined, "reset", false);
      incoming.socket.destroy();
      return;
    }
    const before = this.faults.take(request.method, request.path, venueTime, BEFORE);
    if (before !== undefined && !(before.kind === "server-error" && before.apply)) {
      const answer = faultAnswer(before);
      record(answer.status, codeOf(answer), "answered", false, before);
      send(response, answer);
      return;
    }
    const answer = this.#answer(request, venueTime);
    const applied = answer.status === 200;
    const after = before ?? this.faults.take(request.method, request.path, venueTime, AFTER);
    if (after === undefined) {
      record(answer.status, codeOf(answer), "answered", applied);
      send(response, answer);
    } else if (after.kind === "drop-response") {
      record(answer.status, codeOf(answer), "dropped", applied, after);
      incoming.socket.destroy();
    } else if (after.kind === "hang") {
      record(answer.status, codeOf(answer), "hung", applied, after);
      this.#hung.add(response);
      response.on("close", () => this.#hung.delete(response));
    } else if (after.kind === "delay") {
      record(answer.status, codeOf(answer), "answered", applied, after);
      setTimeout(() => send(response, answer), after.delayMs ?? 0);
    } else {
      // A 5xx after the engine acted: Binance's "execution status unknown".
      const error = faultAnswer(after);
      record(error.status, codeOf(error), "answered", applied, after);
      send(response, error);
    }
  }

  #answer(request: VenueRequest, venueTime: number): VenueResponse {
    const route = this.#options.routes[`${request.method} ${request.path}`];
    if (route === undefined) {
      return { status: 404, body: "<html><body><h2>404 Not found</h2></body></html>" };
    }
    try {
      authenticate(request, route.security, this.#options.credentials, venueTime);
      return route.handle(request, this.#options.context);
    } catch (error) {
      if (!(error instanceof BinanceReject)) throw error;
      return {
        status: error.status,
        body: { code: error.binanceCode, msg: error.msg },
        headers: error.headers,
      };
    }
  }
}

/** The answer a rate-limit or server-error fault sends, in Binance's format. */
function faultAnswer(fault: Fault): VenueResponse {
  if (fault.kind === "rate-limit") {
    const status = fault.status ?? 429;
    const retryAfter = fault.retryAfterSeconds ?? 1;
    const msg =
      status === 418
        ? `Way too many requests; IP(127.0.0.1) banned until ${Date.now() + retryAfter * 1000}. Please use the websocket for live updates to avoid bans.`
        : "Too many requests; current limit of IP(127.0.0.1) is 6000 requests per minute. Please use the websocket for live updates to avoid polling the API.";
    return { status, body: { code: -1003, msg }, headers: { "Retry-After": String(retryAfter) } };
  }
  const status = fault.status ?? 503;
  if (fault.body !== undefined) return { status, body: fault.body };
  if (status === 500) {
    return {
      status,
      body: { code: -1001, msg: "Internal error; unable to process your request. Please try again." },
    };
  }
  if (status === 503) {
    return {
      status,
      body: {
        code: -1008,
        msg: "Server is currently overloaded with other requests. Please try again in a few minutes.",
      },
    };
  }
  return { status, body: `<html><body><h1>${status} Gateway error</h1></body></html>` };
}

function codeOf(answer: VenueResponse): number | undefined {
  const body = answer.body as { code?: unknown } | undefined;
  return answer.status !== 200 && typeof body === "object" && typeof body?.code === "number"
    ? body.code
    : undefined;
}

function send(response: ServerResponse, answer: VenueResponse): void {
  if (response.destroyed) return;
  const text = typeof answer.body === "string" ? answer.body : JSON.stringify(answer.body);
  response.writeHead(answer.status, {
    "Content-Type": typeof answer.body === "string" ? "text/html" : "application/json;charset=UTF-8",
    "Content-Length": Buffer.byteLength(text),
    ...answer.headers,
  });
  response.end(text);
}

function readBody(incoming: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    incoming.on("data", (chunk: Buffer) => chunks.push(chunk));
    incoming.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    incoming.on("error", reject);
  });
}
