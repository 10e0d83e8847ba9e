import { z } from "zod";

/** Options of `createFsPersist`, validated when the adapter is created. */
export const fsPersistOptionsSchema = z.strictObject({
  /** Root directory of the state files, resolved against the working directory when the adapter is created. */
  baseDir: z
    .string()
    .min(1)
    .refine((dir) => !dir.includes("\u0000"), "a path without NUL characters")
    .default("."),
  /**
   * Flush each file and its directory to the disk before a write resolves. Turning it off trades crash
   * safety on power loss (not on a process crash) for speed; meant for tests and throwaway runs.
   */
  fsync: z.boolean().default(true),
});

/** Options accepted by `createFsPersist`. */
export type FsPersistOptions = z.input<typeof fsPersistOptionsSchema>;
