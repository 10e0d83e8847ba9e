/** Which requests a fault hits: a method and/or a path (exact, e.g. `/api/v3/order`). Both optional. */
export interface FaultTarget {
  readonly method?: string;
  readonly path?: string;
}

/**
 * How long a fault lasts: the next `times` matching requests, a wall-clock window of `forMs`, or until the
 * venue's clock reaches `untilVenueTime` (a replay's minute of network loss). Whichever ends first; with none
 * given, one request.
 */
export interface FaultDuration {
  readonly times?: number;
  readonly forMs?: number;
  readonly untilVenueTime?: number;
}

export type FaultKind = "drop-response" | "hang" | "delay" | "rate-limit" | "server-error" | "network-down";

/** An active fault. `apply`: whether the request still reaches the matching engine. */
export interface Fault {
  readonly id: number;
  readonly kind: FaultKind;
  readonly target: FaultTarget;
  remaining: number;
  readonly untilWall: number;
  readonly untilVenue: number;
  readonly apply: boolean;
  readonly status?: number;
  readonly delayMs?: number;
  readonly retryAfterSeconds?: number;
  readonly body?: unknown;
}

/** Active faults, first added first matched. */
export class FaultTable {
  readonly #faults: Fault[] = [];
  #nextId = 1;

  add(
    kind: FaultKind,
    options: FaultTarget & FaultDuration,
    extra: Omit<Fault, "id" | "kind" | "target" | "remaining" | "untilWall" | "untilVenue">,
  ): Fault {
    const limited =
      options.times !== undefined || options.forMs !== undefined || options.untilVenueTime !== undefined;
    const fault: Fault = {
      id: this.#nextId++,
      kind,
      target: { method: options.method?.toUpperCase(), path: options.path },
      remaining: options.times ?? (limited ? Number.POSITIVE_INFINITY : 1),
      untilWall: options.forMs === undefined ? Number.POSITIVE_INFINITY : Date.now() + options.forMs,
      untilVenue: options.untilVenueTime ?? Number.POSITIVE_INFINITY,
      ...extra,
    };
    this.#faults.push(fault);
    return fault;
  }

  /** The first live fault matching the request (consuming one of its `times`), if any. */
  take(method: string, path: string, venueTime: number, kinds?: readonly FaultKind[]): Fault | undefined {
    this.#expire(venueTime);
    const fault = this.#faults.find(
      (f) =>
        (kinds === undefined || kinds.includes(f.kind)) &&
        (f.target.method === undefined || f.target.method === method) &&
        (f.target.path === undefined || f.target.path === path),
    );
    if (fault !== undefined) fault.remaining -= 1;
    return fault;
  }

  /** Whether a network drop is in effect (not consumed by checking). */
  networkDown(venueTime: number): boolean {
    this.#expire(venueTime);
    return this.#faults.some((f) => f.kind === "network-down");
  }

  active(venueTime: number): readonly Fault[] {
    this.#expire(venueTime);
    return [...this.#faults];
  }

  clear(): void {
    this.#faults.length = 0;
  }

  #expire(venueTime: number): void {
    const now = Date.now();
    for (let i = this.#faults.length - 1; i >= 0; i--) {
      const f = this.#faults[i]!;
      if (f.remaining <= 0 || now >= f.untilWall || venueTime >= f.untilVenue) this.#faults.splice(i, 1);
    }
  }
}
