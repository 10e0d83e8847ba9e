/**
 * A queue that callbacks push into and one consumer awaits, in order. A failure is delivered once the values
 * queued before it have been taken; `take` resolves `undefined` when `abort` fires.
 */
export class AsyncInbox<T> {
  private readonly values: T[] = [];
  private failure: { error: unknown } | null = null;
  private waiter: (() => void) | null = null;

  push(value: T): void {
    this.values.push(value);
    this.wake();
  }

  /** Records the first failure; later ones are ignored (they are usually consequences of the first). */
  fail(error: unknown): void {
    if (this.failure === null) this.failure = { error };
    this.wake();
  }

  async take(abort?: AbortSignal): Promise<T | undefined> {
    for (;;) {
      if (abort?.aborted) return undefined;
      if (this.values.length > 0) return this.values.shift();
      if (this.failure !== null) throw this.failure.error;
      await new Promise<void>((resolve) => {
        const onAbort = (): void => resolve();
        this.waiter = () => {
          abort?.removeEventListener("abort", onAbort);
          resolve();
        };
        abort?.addEventListener("abort", onAbort, { once: true });
      });
      this.waiter = null;
    }
  }

  private wake(): void {
    this.waiter?.();
  }
}
