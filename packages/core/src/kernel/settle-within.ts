/**
 * True for anything with a callable `then`: a native promise, or another library's thenable. False when
 * reading `then` throws (a hostile getter): the value is then checked as what it claims to be.
 */
export function isThenable(value: unknown): value is PromiseLike<unknown> {
  if (value === null || (typeof value !== "object" && typeof value !== "function")) return false;
  if (value instanceof Promise) return true;
  try {
    return typeof (value as { then?: unknown }).then === "function";
  } catch {
    return false;
  }
}

/** A call being timed: its limit, when it is overdue, how to settle it, its neighbours in the pending list. */
interface Watch {
  readonly ms: number;
  /** NaN until the call is first seen still pending after the event loop turned. */
  deadline: number;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
  readonly timeoutError: () => Error;
  readonly onValue: (value: never) => unknown;
  readonly onError: (error: unknown) => unknown;
  prev: Watch | null;
  next: Watch | null;
}

// A backtest may time a hundred thousand getSignal calls that settle within the same turn of the event loop.
// Those must cost next to nothing: no timer and no clock read each. So a call only joins a doubly linked list
// of pending calls (O(1) in and out); once per turn (setImmediate) the calls still pending get their deadline,
// and one process-wide timer fires at the earliest. That timer keeps the process alive only while a call is
// pending (unref'd when the list empties). The limit thus counts from the first turn a call is seen pending.
let head: Watch | null = null;
let tail: Watch | null = null;
let checkQueued = false;
let timer: ReturnType<typeof setTimeout> | undefined;
let timerAt = Number.POSITIVE_INFINITY;

function schedule(at: number): void {
  if (timer !== undefined) clearTimeout(timer);
  timerAt = at;
  timer = setTimeout(expireOverdue, Math.max(1, Math.ceil(at - performance.now())));
}

/** Once per turn: gives the calls still pending their deadline and arms the timer for the earliest. */
function stampPending(): void {
  checkQueued = false;
  if (head === null) return;
  const now = performance.now();
  let earliest = Number.POSITIVE_INFINITY;
  for (let watch: Watch | null = head; watch !== null; watch = watch.next) {
    if (Number.isNaN(watch.deadline)) watch.deadline = now + watch.ms;
    if (watch.deadline < earliest) earliest = watch.deadline;
  }
  if (earliest < timerAt) schedule(earliest);
  else timer?.ref();
}

function expireOverdue(): void {
  timer = undefined;
  timerAt = Number.POSITIVE_INFINITY;
  const now = performance.now();
  let next = Number.POSITIVE_INFINITY;
  for (let watch = head; watch !== null; ) {
    const following = watch.next;
    if (watch.deadline <= now) {
      unlink(watch);
      finish(watch, watch.onError, watch.timeoutError());
    } else if (watch.deadline < next) next = watch.deadline;
    watch = following;
  }
  if (next !== Number.POSITIVE_INFINITY) schedule(next);
}

function link(watch: Watch): void {
  watch.prev = tail;
  if (tail === null) head = watch;
  else tail.next = watch;
  tail = watch;
  if (!checkQueued) {
    checkQueued = true;
    setImmediate(stampPending);
  }
}

/** Removes a watch from the pending list; false when it is no longer in it (it expired). */
function unlink(watch: Watch): boolean {
  if (watch.prev === null && head !== watch) return false;
  if (watch.prev === null) head = watch.next;
  else watch.prev.next = watch.next;
  if (watch.next === null) tail = watch.prev;
  else watch.next.prev = watch.prev;
  watch.prev = null;
  watch.next = null;
  return true;
}

/** Settles the caller's promise with `map(input)`, or rejects it when the mapping throws. */
function finish(watch: Watch, map: (input: never) => unknown, input: unknown): void {
  try {
    watch.resolve(map(input as never));
  } catch (error) {
    watch.reject(error);
  }
}

/** The outcome of a watched call arrived: used unless the call had already timed out. */
function arrived(watch: Watch, map: (input: never) => unknown, input: unknown): void {
  if (!unlink(watch)) return;
  if (head === null) timer?.unref();
  finish(watch, map, input);
}

/**
 * Waits for `pending` at most `ms`, and maps its outcome: `onValue(value)` when it fulfils in time,
 * `onError(error)` when it rejects in time, `onError(timeoutError())` when the time passes first (a late
 * outcome is then ignored: JavaScript cannot cancel the call). The time counts from the first turn of the
 * event loop the call is seen still pending. Wrap only calls into user code (getSignal, an exchange's page
 * request), never anything per candle. Costs one promise per call, and neither a timer nor a clock read for a
 * call that settles within the turn it was made in.
 */
export function settleWithin<T, R>(
  pending: PromiseLike<T>,
  ms: number,
  timeoutError: () => Error,
  onValue: (value: T) => R,
  onError: (error: unknown) => R,
): Promise<R> {
  // No named closure per call: under a keep-names build (tsx) each costs a defineProperty, which shows at a
  // hundred thousand calls.
  return new Promise<R>((resolve, reject) => {
    const watch: Watch = {
      ms,
      deadline: Number.NaN,
      resolve: resolve as (value: unknown) => void,
      reject,
      timeoutError,
      onValue: onValue as (value: never) => unknown,
      onError,
      prev: null,
      next: null,
    };
    link(watch);
    Promise.resolve(pending).then(
      (value) => arrived(watch, watch.onValue, value),
      (error: unknown) => arrived(watch, watch.onError, error),
    );
  });
}
