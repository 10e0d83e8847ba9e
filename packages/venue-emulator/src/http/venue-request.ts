/** An HTTP request as the route handlers see it: the raw query and body (signatures cover them) and their params. */
export interface VenueRequest {
  readonly method: string;
  readonly path: string;
  readonly query: string;
  readonly body: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  /** Query then body parameters, merged. */
  readonly params: URLSearchParams;
}

/** What a handler answers: a status and a JSON body. */
export interface VenueResponse {
  readonly status: number;
  readonly body: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}
