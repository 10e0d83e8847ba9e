import { lstat, readdir, unlink } from "node:fs/promises";
import { join } from "node:path";
import { PERSIST_KEY_PART_PATTERN } from "@candlewick/core/internal";

/**
 * A temp file of an atomic write of one state file: `<symbol>.json.<decimal number>`, the names of
 * core's `tempPathFor` (and of the write-file-atomic package, which earlier versions used, so their leftovers go too).
 */
const TEMP_FILE_NAME = new RegExp(`^${PERSIST_KEY_PART_PATTERN}\\.json\\.\\d+$`);

/**
 * Age past which a temp file is taken as left behind by a crashed writer. A live write holds its temp file
 * for milliseconds; the margin covers slow disks and other processes writing into the same directory.
 */
export const STALE_TEMP_MS = 60_000;

/** Whether a file name is a temp file of an atomic write. */
export function isTempFileName(name: string): boolean {
  return TEMP_FILE_NAME.test(name);
}

/**
 * Removes temp files older than {@link STALE_TEMP_MS} from `dir`. A process killed mid-write (kill -9, power
 * loss) leaves its temp file behind; a younger one may belong to a write still running in another process,
 * so it is left alone. Best effort: cleanup is not state, so its failures never fail a state operation.
 */
export async function removeStaleTempFiles(dir: string, now = Date.now()): Promise<void> {
  const names = await readdir(dir).catch(() => []);
  for (const name of names) {
    if (!isTempFileName(name)) continue;
    const path = join(dir, name);
    // lstat: a link is removed as a link, whatever it points to.
    const info = await lstat(path).catch(() => undefined);
    if (info?.isFile() && now - info.mtimeMs > STALE_TEMP_MS) await unlink(path).catch(() => undefined);
  }
}
