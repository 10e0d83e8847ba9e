import type { FileHandle } from "node:fs/promises";
import { mkdir, open as openFile, readFile, truncate } from "node:fs/promises";
import { dirname } from "node:path";
import { PersistError } from "@candlewick/core";
import { parseTrialRecord } from "./parse-trial-record.js";
import { StudyMismatchError } from "./study-mismatch-error.js";
import type { StudyStorage } from "./study-storage.js";
import type { TrialRecord } from "./trial-record.js";

/**
 * A study log in one JSON-lines file: the header on line 1, then one line per finished trial, in finishing order.
 * Each line is one `write` on a file opened for appending, followed by `fdatasync`, so after a crash the file
 * holds every line that was acknowledged plus at most one torn last line (no newline). `open` drops a torn last
 * line (the trial re-runs); a damaged line before it is corruption and fails the study. One writer per file.
 *
 * Why not a persist adapter: the adapters store whole values under keys, so appending a trial would rewrite the
 * log (quadratic) or scatter a study over one file or key per trial; a line log appends in O(1) and reads as text.
 */
export function jsonLinesStudyStorage(path: string): StudyStorage {
  let handle: FileHandle | undefined;
  const fail = (message: string, cause?: unknown) =>
    new PersistError("research", message, { location: path, ...(cause === undefined ? {} : { cause }) });
  return {
    async open(header) {
      if (handle !== undefined) throw fail("study log is already open");
      const wanted = JSON.stringify(header);
      let text: string;
      try {
        text = await readFile(path, "utf8");
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "ENOENT")
          throw fail("cannot read the study log", error);
        text = "";
      }
      const complete = text.lastIndexOf("\n") + 1;
      if (complete < text.length) {
        // A line without its newline was being written when the process died: it never counted.
        await truncate(path, Buffer.byteLength(text.slice(0, complete))).catch((error: unknown) => {
          throw fail("cannot drop the torn last line", error);
        });
      }
      const lines = text.slice(0, complete).split("\n").slice(0, -1);
      const records = readRecords(lines, wanted, path, fail);
      try {
        await mkdir(dirname(path), { recursive: true });
        handle = await openFile(path, "a");
        if (lines.length === 0) await writeLine(handle, wanted);
      } catch (error) {
        throw fail("cannot open the study log for appending", error);
      }
      return records;
    },
    async append(record: TrialRecord) {
      if (handle === undefined) throw fail("study log is not open");
      try {
        await writeLine(handle, JSON.stringify(record));
      } catch (error) {
        throw fail(`cannot append trial ${record.number}`, error);
      }
    },
    async close() {
      const open = handle;
      handle = undefined;
      await open?.close();
    },
  };
}

function readRecords(
  lines: readonly string[],
  wanted: string,
  path: string,
  fail: (message: string, cause?: unknown) => PersistError,
): TrialRecord[] {
  if (lines.length === 0) return [];
  const parse = (line: string, index: number): unknown => {
    try {
      return JSON.parse(line);
    } catch (error) {
      throw fail(`line ${index + 1} is not JSON`, error);
    }
  };
  const stored = JSON.stringify(parse(lines[0]!, 0));
  if (stored !== wanted) throw new StudyMismatchError(path, stored, wanted);
  const seen = new Set<number>();
  return lines.slice(1).map((line, index) => {
    const record = parseTrialRecord(parse(line, index + 1), `${path}:${index + 2}`);
    if (seen.has(record.number)) throw fail(`line ${index + 2} repeats trial ${record.number}`);
    seen.add(record.number);
    return record;
  });
}

async function writeLine(handle: FileHandle, line: string): Promise<void> {
  await handle.write(`${line}\n`);
  await handle.datasync();
}
