/** Runs tasks one at a time per id, in call order; tasks of different ids run concurrently. */
export interface KeyQueue {
  run<T>(id: string, task: () => Promise<T>): Promise<T>;
  /** Resolves once every task queued so far has settled. */
  idle(): Promise<void>;
}

/**
 * Creates a per-key queue. The file adapter puts every operation on a key through it, so two writes of one
 * key never interleave and a read issued after a write sees that write, as with one Redis connection.
 */
export function createKeyQueue(): KeyQueue {
  const tails = new Map<string, Promise<void>>();
  return {
    run(id, task) {
      const previous = tails.get(id) ?? Promise.resolve();
      // The next task starts whether the previous one failed or not: a failed write must not block the key.
      const result = previous.then(task);
      const tail = result.then(
        () => undefined,
        () => undefined,
      );
      tails.set(id, tail);
      void tail.then(() => {
        if (tails.get(id) === tail) tails.delete(id);
      });
      return result;
    },
    async idle() {
      await Promise.all(tails.values());
    },
  };
}
