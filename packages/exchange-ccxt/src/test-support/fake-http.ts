import type { Exchange } from "ccxt";

/** A request as ccxt built it. */
export interface RecordedRequest {
  readonly method: string;
  readonly url: URL;
  /** Query parameters, decoded. */
  readonly params: Readonly<Record<string, string>>;
}

/** A scripted failure for the next matching request. */
export type Fault =
  | {
      readonly kind: "status";
      readonly status: number;
      readonly body: string;
      readonly headers?: Record<string, string>;
    }
  /** Never answers: ccxt's own timeout (its AbortController) fires. */
  | { readonly kind: "hang" }
  /** The connection fails the way undici reports it. */
  | { readonly kind: "network" }
  /** Lets the request through (to fail a later one). */
  | { readonly kind: "pass" };

/** Answers a request, or returns undefined for "no such endpoint". */
export type Route = (request: RecordedRequest) => Response | undefined;

/** An exchange's HTTP layer answered from recorded responses. */
export interface FakeHttp {
  readonly requests: RecordedRequest[];
  /** Installs the fake as the instance's `fetchImplementation`, the lowest hook ccxt exposes. */
  attach(exchange: Exchange): Exchange;
  /** The next requests whose path contains `path` fail with these faults, in order. */
  failNext(path: string, ...faults: Fault[]): void;
  /** From now on every request fails as if there were no network. */
  disable(): void;
  /** Requests whose path contains `path`. */
  requestsTo(path: string): RecordedRequest[];
}

export function createFakeHttp(route: Route): FakeHttp {
  const requests: RecordedRequest[] = [];
  const faults: Array<{ path: string; fault: Fault }> = [];
  let disabled = false;

  const fetchImplementation = async (url: string, init: { method?: string; signal?: AbortSignal }) => {
    const parsed = new URL(url);
    const request: RecordedRequest = {
      method: init.method ?? "GET",
      url: parsed,
      params: Object.fromEntries(parsed.searchParams.entries()),
    };
    requests.push(request);
    if (disabled) throw new TypeError("fetch failed", { cause: new Error("network disabled by the test") });
    const index = faults.findIndex((entry) => parsed.pathname.includes(entry.path));
    if (index >= 0) {
      const { fault } = faults.splice(index, 1)[0]!;
      if (fault.kind === "pass") return route(request) ?? notFound(parsed);
      if (fault.kind === "network") {
        throw new TypeError("fetch failed", {
          cause: Object.assign(new Error("read ECONNRESET"), { code: "ECONNRESET" }),
        });
      }
      if (fault.kind === "hang") {
        return new Promise<Response>((_, reject) => {
          init.signal?.addEventListener("abort", () => reject(init.signal?.reason));
        });
      }
      return new Response(fault.body, {
        status: fault.status,
        headers: { "content-type": "application/json", ...fault.headers },
      });
    }
    return route(request) ?? notFound(parsed);
  };

  return {
    requests,
    attach(exchange) {
      (exchange as unknown as { fetchImplementation: unknown }).fetchImplementation = fetchImplementation;
      return exchange;
    },
    failNext(path, ...list) {
      for (const fault of list) faults.push({ path, fault });
    },
    disable() {
      disabled = true;
    },
    requestsTo(path) {
      return requests.filter((request) => request.url.pathname.includes(path));
    },
  };
}

/** A JSON response with the given status. */
export function jsonResponse(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  const text = typeof body === "string" ? body : JSON.stringify(body);
  return new Response(text, { status, headers: { "content-type": "application/json", ...headers } });
}

function notFound(url: URL): Response {
  return jsonResponse({ code: -1, msg: `no recorded response for ${url.pathname}` }, 404);
}
