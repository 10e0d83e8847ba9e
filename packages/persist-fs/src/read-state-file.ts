import { constants } from "node:fs";
import { open } from "node:fs/promises";
import { type JsonValue, PersistError } from "@candlewick/core";
import { errorCode, fsError } from "./fs-error.js";
import { lstatOrUndefined, refuseSymlink } from "./refuse-symlink.js";

/** Read-only, and a link at the path fails the open (ELOOP) instead of being followed. */
const READ_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0);

/**
 * Reads and parses one state file; `null` when it does not exist. A file that is not valid JSON is never
 * taken for "no state": trading on from nothing could open a second position. It is reported with its path
 * and the way out, and left untouched for inspection. A symbolic link at the path is refused, not followed.
 */
export async function readStateFile(path: string): Promise<JsonValue | null> {
  let text: string;
  try {
    const handle = await open(path, READ_FLAGS);
    try {
      text = await handle.readFile("utf8");
    } finally {
      await handle.close();
    }
  } catch (error) {
    if (errorCode(error) === "ENOENT") return null;
    if ((await lstatOrUndefined(path))?.isSymbolicLink()) throw await refuseSymlink(path, "state file");
    throw fsError("read", path, error);
  }
  try {
    return JSON.parse(text) as JsonValue;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new PersistError(
      "fs",
      `corrupt state file ${path} (${reason}); it was left untouched. Inspect it, then move it aside ` +
        `(e.g. rename it to ${path}.corrupt) or delete it (persist.delete(key) works too) to start this ` +
        "strategy and symbol with no saved state. See @candlewick/persist-fs README, section Corrupt files.",
      { location: path, cause: error },
    );
  }
}
