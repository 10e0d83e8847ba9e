import { randomUUID } from "node:crypto";
import { mkdir, open, rename, rm } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { CandlewickError } from "../errors/candlewick-error.js";

/**
 * Writes `content` to `<dir>/<baseName><extension>` atomically: into a temporary file of the same folder, flushed
 * to disk, then renamed over the target, so a reader sees the old report or the new one, never half of one.
 * Creates `dir` (and its parents). Returns the absolute path of the file.
 * @throws CandlewickError `REPORT_WRITE_FAILED` naming the path; the temporary file is removed.
 */
export async function writeReportFile(
  dir: string,
  baseName: string,
  extension: string,
  content: string,
): Promise<string> {
  const target = resolve(dir, `${baseName}${extension}`);
  const temporary = join(dirname(target), `.${baseName}${extension}.${process.pid}.${randomUUID()}.tmp`);
  try {
    await mkdir(dirname(target), { recursive: true });
    const handle = await open(temporary, "wx");
    try {
      await handle.writeFile(content, "utf8");
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, target);
    return target;
  } catch (error) {
    await rm(temporary, { force: true }).catch(() => undefined);
    throw new CandlewickError(
      "REPORT_WRITE_FAILED",
      `[core] could not write the report ${target}: ${error instanceof Error ? error.message : String(error)}`,
      { details: { path: target }, cause: error },
    );
  }
}
