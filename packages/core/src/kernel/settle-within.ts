/** True for anything with a callable `then`: a native promise, or another library's thenable. */
export function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    value !== null &&
    (typeof value === "object" || typeof value === "function") &&
    typeof (value as { then?: unknown }).then === "function"
  );
}

/**
 * Settles as `pending` does, or rejects with `timeoutError()` once `ms` have passed first. One timer per call,
 * cleared as soon as the call settles; wrap only calls into user code (getSignal, an exchange's page request),
 * never anything per candle. The abandoned call is not cancelled (JavaScript cannot): its late result is ignored.
 */
export function settleWithin<T>(pending: PromiseLike<T>, ms: number, timeoutError: () => Error): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(timeoutError()), ms);
    Promise.resolve(pending).then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
