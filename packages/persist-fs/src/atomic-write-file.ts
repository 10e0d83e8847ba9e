import { dirname } from "node:path";
import writeFileAtomic from "write-file-atomic";
import { ensureDirectory } from "./ensure-directory.js";
import { fsyncDirectory } from "./fsync-directory.js";

/**
 * Replaces the file at `path` with `text` so that a crash at any moment leaves either the old content or the
 * new one. write-file-atomic writes a temp file next to `path`, fsyncs it and renames it over `path`; we
 * then fsync the directory, which it does not do, so the rename itself survives a power loss.
 */
export async function atomicWriteFile(path: string, text: string, fsync: boolean): Promise<void> {
  const dir = dirname(path);
  await ensureDirectory(dir, fsync);
  await writeFileAtomic(path, text, { fsync });
  if (fsync) await fsyncDirectory(dir);
}
