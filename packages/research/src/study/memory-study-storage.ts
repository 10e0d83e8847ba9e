import { StudyMismatchError } from "./study-mismatch-error.js";
import type { StudyStorage } from "./study-storage.js";
import type { TrialRecord } from "./trial-record.js";

/** A {@link StudyStorage} in memory: a study stopped and resumed within one process, and tests. */
export function memoryStudyStorage(): StudyStorage & { readonly records: readonly TrialRecord[] } {
  let stored: string | undefined;
  const records: TrialRecord[] = [];
  return {
    records,
    async open(header) {
      const text = JSON.stringify(header);
      if (stored !== undefined && stored !== text) throw new StudyMismatchError("memory", stored, text);
      stored = text;
      return records.map((record) => structuredClone(record));
    },
    async append(record) {
      records.push(structuredClone(record));
    },
    async close() {},
  };
}
