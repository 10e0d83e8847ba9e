import { mkdir } from "node:fs/promises";
import { dirname, join, relative, sep } from "node:path";
import { fsyncDirectory } from "./fsync-directory.js";

/**
 * Creates `dir` and its missing parents. With `fsync`, each newly created directory is made durable by
 * flushing the directory that holds its entry, so a power loss cannot orphan a file written inside it.
 */
export async function ensureDirectory(dir: string, fsync: boolean): Promise<void> {
  const firstCreated = await mkdir(dir, { recursive: true });
  if (firstCreated === undefined || !fsync) return;
  // `dir` itself is flushed by the caller after its rename; its parents up to the first created one are not.
  const holders = [dirname(firstCreated)];
  let current = firstCreated;
  for (const segment of relative(firstCreated, dir).split(sep).filter(Boolean)) {
    holders.push(current);
    current = join(current, segment);
  }
  for (const holder of holders) await fsyncDirectory(holder);
}
