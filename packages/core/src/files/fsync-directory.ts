import { open } from "node:fs/promises";

/**
 * Flushes a directory's entries to the disk. A rename or an unlink is only durable once the directory that
 * holds the entry is flushed: without it a power loss can bring the old file back, or lose a new one.
 */
export async function fsyncDirectory(dir: string): Promise<void> {
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    handle = await open(dir, "r");
    await handle.sync();
  } catch (error) {
    // Windows cannot open or flush a directory; NTFS journals the rename itself.
    if (process.platform === "win32") return;
    throw error;
  } finally {
    await handle?.close();
  }
}
