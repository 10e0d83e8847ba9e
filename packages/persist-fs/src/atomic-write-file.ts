import { randomInt } from "node:crypto";
import { constants } from "node:fs";
import { open, rename, unlink } from "node:fs/promises";
import { dirname } from "node:path";
import { errorCode } from "./fs-error.js";
import { fsyncDirectory } from "./fsync-directory.js";
import { lstatOrUndefined, refuseSymlink } from "./refuse-symlink.js";

/** The calls of an open file the atomic write makes; `fs.promises` file handles have them. */
export interface AtomicFileHandle {
  write(buffer: Buffer, offset: number, length: number, position: number): Promise<{ bytesWritten: number }>;
  sync(): Promise<void>;
  close(): Promise<void>;
  chmod(mode: number): Promise<void>;
}

/** Opens the temp file; replaceable so tests can inject short writes and failures into a real handle. */
export type AtomicWriteOpen = (path: string, flags: number, mode: number) => Promise<AtomicFileHandle>;

export interface AtomicWriteOptions {
  /** Flush the file before the rename and the directory after it. */
  readonly fsync: boolean;
  readonly open?: AtomicWriteOpen;
}

/** Create a new file, never reuse one, never follow a link planted at the temp name. */
const TEMP_FLAGS = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0);

/** The temp file of one write: `<file>.<decimal number>`, next to the file, so the rename stays in one directory. */
export function tempPathFor(path: string): string {
  return `${path}.${randomInt(1, 2 ** 47)}`;
}

/**
 * Replaces the file at `path` with `text` so that a crash at any moment leaves either the old content or the
 * new one: the whole text goes to a new temp file next to it (looping, since one `write` may store fewer bytes
 * than asked, as on a nearly full disk), which is flushed, closed and renamed over `path`; then the directory
 * is flushed so the rename itself survives a power loss. Any failure removes the temp file and rejects, with
 * the old file untouched. A symbolic link at `path` is refused, never replaced or followed.
 */
export async function atomicWriteFile(
  path: string,
  text: string,
  options: AtomicWriteOptions,
): Promise<void> {
  const openFile = options.open ?? (open as unknown as AtomicWriteOpen);
  const data = Buffer.from(text, "utf8");
  const previous = await lstatOrUndefined(path);
  if (previous?.isSymbolicLink()) throw await refuseSymlink(path, "state file");
  const temp = tempPathFor(path);
  let handle: AtomicFileHandle | undefined = await openFile(temp, TEMP_FLAGS, 0o666);
  try {
    // Keep the mode of the file being replaced, as an in-place edit would.
    if (previous?.isFile()) await handle.chmod(previous.mode & 0o7777);
    let written = 0;
    while (written < data.length) {
      const { bytesWritten } = await handle.write(data, written, data.length - written, written);
      if (!(bytesWritten > 0)) {
        throw new Error(
          `the file system stored 0 of ${data.length - written} bytes left to write (${written} written)`,
        );
      }
      written += bytesWritten;
    }
    if (options.fsync) await handle.sync();
    const closing = handle;
    handle = undefined;
    // close() can report a deferred write error (ENOSPC, EIO on network file systems): it must reject too.
    await closing.close();
    // Checked again just before the rename: a link put there meanwhile is refused as well.
    if ((await lstatOrUndefined(path))?.isSymbolicLink()) throw await refuseSymlink(path, "state file");
    await rename(temp, path);
  } catch (error) {
    await handle?.close().catch(() => undefined); // the write already failed; its error is the one to report
    await unlink(temp).catch((cleanup: unknown) => {
      if (errorCode(cleanup) !== "ENOENT" && error instanceof Error) {
        error.message += `; the temp file ${temp} could not be removed either (${String(cleanup)})`;
      }
    });
    throw error;
  }
  if (options.fsync) await fsyncDirectory(dirname(path));
}
