import { mkdir } from "node:fs/promises";
import { dirname, join, relative, sep } from "node:path";
import { fsyncDirectory } from "@candlewick/core/internal";
import { errorCode } from "./fs-error.js";
import { lstatOrUndefined, refuseSymlink } from "./refuse-symlink.js";

/**
 * Creates `root` (and its missing parents), then each of `segments` below it one level at a time, and
 * returns the last directory. A segment that is a symbolic link is refused, never followed: `mkdir -p` would
 * create directories wherever the link points. With `fsync`, each newly created directory is made durable by
 * flushing the directory that holds its entry, so a power loss cannot orphan a file written inside it.
 */
export async function ensureKeyDirectory(
  root: string,
  segments: readonly string[],
  fsync: boolean,
): Promise<string> {
  const firstCreated = await mkdir(root, { recursive: true });
  const holders: string[] = [];
  if (firstCreated !== undefined) {
    holders.push(dirname(firstCreated));
    let current = firstCreated;
    for (const segment of relative(firstCreated, root).split(sep).filter(Boolean)) {
      holders.push(current);
      current = join(current, segment);
    }
  }
  let current = root;
  for (const segment of segments) {
    const next = join(current, segment);
    const info = await lstatOrUndefined(next);
    if (info?.isSymbolicLink()) throw await refuseSymlink(next, "directory");
    if (info === undefined) {
      try {
        await mkdir(next);
        holders.push(current);
      } catch (error) {
        // Created by a concurrent writer meanwhile: fine, unless that is a link.
        if (errorCode(error) !== "EEXIST") throw error;
        if ((await lstatOrUndefined(next))?.isSymbolicLink()) throw await refuseSymlink(next, "directory");
      }
    }
    current = next;
  }
  // `current` itself is flushed by the caller after its rename.
  if (fsync) for (const holder of holders) await fsyncDirectory(holder);
  return current;
}

/**
 * Checks that none of `segments` below `root` is a symbolic link, for operations that create nothing.
 * Returns `false` when one of them does not exist (so the key holds nothing).
 */
export async function keyDirectoryExists(root: string, segments: readonly string[]): Promise<boolean> {
  let current = root;
  for (const segment of segments) {
    current = join(current, segment);
    const info = await lstatOrUndefined(current);
    if (info === undefined) return false;
    if (info.isSymbolicLink()) throw await refuseSymlink(current, "directory");
  }
  return true;
}
