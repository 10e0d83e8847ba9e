/**
 * Where live time comes from. The system clock is the default; a replay clock (`createReplay`) drives a live run
 * over history at full speed, which is how live mode is tested and how strategies are paper-traded on the past.
 */
export interface LiveClock {
  /** Current time, epoch ms. */
  now(): number;
  /**
   * Resolves once `now() >= timestamp`, or with `false` when the clock has nothing more to give (a replay that
   * reached its end) or `abort` fired.
   */
  sleepUntil(timestamp: number, abort?: AbortSignal): Promise<boolean>;
  /** Waits `ms` before a retry. Virtual clocks may return at once. */
  delay(ms: number): Promise<void>;
  /** A run starts or stops using the clock (replay clocks advance only when every attached run waits). */
  attach?(): void;
  detach?(): void;
}

/** Wall-clock time. */
export const systemClock: LiveClock = {
  now: () => Date.now(),
  sleepUntil(timestamp, abort) {
    return new Promise((resolve) => {
      if (abort?.aborted) return resolve(false);
      const timer = setTimeout(
        () => {
          abort?.removeEventListener("abort", onAbort);
          resolve(true);
        },
        Math.max(0, timestamp - Date.now()),
      );
      const onAbort = () => {
        clearTimeout(timer);
        resolve(false);
      };
      abort?.addEventListener("abort", onAbort, { once: true });
    });
  },
  delay: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};
