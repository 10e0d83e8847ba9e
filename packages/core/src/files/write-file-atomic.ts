import { randomInt } from "node:crypto";
import { constants, type Stats } from "node:fs";
import { lstat, open, rename, unlink } from "node:fs/promises";
import { dirname } from "node:path";
import { fsyncDirectory } from "./fsync-directory.js";

/** The calls of an open file the atomic write makes; `fs.promises` file handles have them. */
export interface AtomicFileHandle {
  write(buffer: Buffer, offset: number, length: number, position: number): Promise<{ bytesWritten: number }>;
  sync(): Promise<void>;
  close(): Promise<void>;
  chmod(mode: number): Promise<void>;
}

/** Opens the temp file; replaceable so tests can inject short writes and failures into a real handle. */
export type AtomicWriteOpen = (path: string, flags: number, mode: number) => Promise<AtomicFileHandle>;

/** Options of `writeFileAtomic`. */
export interface WriteFileAtomicOptions {
  /** Flush the file before the rename and the directory after it, so the new content survives a power loss. Default true. */
  readonly fsync?: boolean;
  /**
   * The error for a symbolic link found at the target (before the write, and again just before the rename).
   * Without it a link at the target is replaced by the new file, as a rename does; with it the write is refused.
   */
  readonly refuseSymlink?: (path: string) => Promise<Error> | Error;
  readonly open?: AtomicWriteOpen;
}

/** Create a new file, never reuse one, never follow a link planted at the temp name. */
const TEMP_FLAGS = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0);

/** The temp file of one write: `<file>.<decimal number>`, next to the file, so the rename stays in one directory. */
export function tempPathFor(path: string): string {
  return `${path}.${randomInt(1, 2 ** 47)}`;
}

/**
 * Replaces the file at `path` with `data` so that a reader, or a crash at any moment, sees either the old content
 * or the new one, never a torn file: the whole content goes to a new temp file next to it (looping, since one
 * `write` may store fewer bytes than asked, as on a nearly full disk), which is flushed, closed and renamed over
 * `path`; then the directory is flushed so the rename itself survives a power loss. Any failure removes the temp
 * file and rejects, with the old file untouched. The mode of a file being replaced is kept. The directory must
 * exist.
 */
export async function writeFileAtomic(
  path: string,
  data: string | Uint8Array,
  options: WriteFileAtomicOptions = {},
): Promise<void> {
  const fsync = options.fsync ?? true;
  const openFile = options.open ?? (open as unknown as AtomicWriteOpen);
  const bytes =
    typeof data === "string"
      ? Buffer.from(data, "utf8")
      : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  const previous = await lstatOrUndefined(path);
  if (previous?.isSymbolicLink() && options.refuseSymlink !== undefined)
    throw await options.refuseSymlink(path);
  const temp = tempPathFor(path);
  let handle: AtomicFileHandle | undefined = await openFile(temp, TEMP_FLAGS, 0o666);
  try {
    // Keep the mode of the file being replaced, as an in-place edit would.
    if (previous?.isFile()) await handle.chmod(previous.mode & 0o7777);
    let written = 0;
    while (written < bytes.length) {
      const { bytesWritten } = await handle.write(bytes, written, bytes.length - written, written);
      if (!(bytesWritten > 0)) {
        throw new Error(
          `the file system stored 0 of ${bytes.length - written} bytes left to write (${written} written)`,
        );
      }
      written += bytesWritten;
    }
    if (fsync) await handle.sync();
    const closing = handle;
    handle = undefined;
    // close() can report a deferred write error (ENOSPC, EIO on network file systems): it must reject too.
    await closing.close();
    // Checked again just before the rename: a link put there meanwhile is refused as well.
    if (options.refuseSymlink !== undefined && (await lstatOrUndefined(path))?.isSymbolicLink()) {
      throw await options.refuseSymlink(path);
    }
    await rename(temp, path);
  } catch (error) {
    await handle?.close().catch(() => undefined); // the write already failed; its error is the one to report
    await unlink(temp).catch((cleanup: unknown) => {
      if ((cleanup as { code?: unknown }).code !== "ENOENT" && error instanceof Error) {
        error.message += `; the temp file ${temp} could not be removed either (${String(cleanup)})`;
      }
    });
    throw error;
  }
  if (fsync) await fsyncDirectory(dirname(path));
}

async function lstatOrUndefined(path: string): Promise<Stats | undefined> {
  try {
    return await lstat(path);
  } catch (error) {
    if ((error as { code?: unknown }).code === "ENOENT") return undefined;
    throw error;
  }
}
