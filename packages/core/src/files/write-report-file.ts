import { mkdir } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { CandlewickError } from "../errors/candlewick-error.js";
import { writeFileAtomic } from "./write-file-atomic.js";

/**
 * Writes `content` to `<dir>/<baseName><extension>` atomically (see `writeFileAtomic`), so a reader sees the old
 * report or the new one, never half of one. Creates `dir` (and its parents). Returns the absolute path of the file.
 * @throws CandlewickError `REPORT_WRITE_FAILED` naming the path; the temporary file is removed.
 */
export async function writeReportFile(
  dir: string,
  baseName: string,
  extension: string,
  content: string,
): Promise<string> {
  const target = resolve(dir, `${baseName}${extension}`);
  try {
    await mkdir(dirname(target), { recursive: true });
    await writeFileAtomic(target, content);
    return target;
  } catch (error) {
    throw new CandlewickError(
      "REPORT_WRITE_FAILED",
      `[core] could not write the report ${target}: ${error instanceof Error ? error.message : String(error)}`,
      { details: { path: target }, cause: error },
    );
  }
}
