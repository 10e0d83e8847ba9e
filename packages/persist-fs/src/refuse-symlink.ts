import type { Stats } from "node:fs";
import { lstat, readlink } from "node:fs/promises";
import { PersistError } from "@candlewick/core";
import { errorCode, fsError } from "./fs-error.js";

/** `lstat` of `path` (links not followed), or `undefined` when nothing is there. */
export async function lstatOrUndefined(path: string): Promise<Stats | undefined> {
  try {
    return await lstat(path);
  } catch (error) {
    if (errorCode(error) === "ENOENT") return undefined;
    throw fsError("inspect", path, error);
  }
}

/**
 * The error for a symbolic link where the adapter expects its own file or directory. Links below `baseDir`
 * are refused, never followed: one could make a key read or write outside `baseDir`, or two keys share a file.
 */
export async function refuseSymlink(path: string, what: "state file" | "directory"): Promise<PersistError> {
  const target = await readlink(path).catch(() => "?");
  return new PersistError(
    "fs",
    `refusing ${path}: the ${what} is a symbolic link (to ${target}). persist-fs never follows links below ` +
      `baseDir, so that no key reads or writes outside it and no two keys share a file. Replace the link ` +
      `with the real ${what}, or point baseDir at the real location. See @candlewick/persist-fs README, ` +
      "section Symbolic links.",
    { location: path },
  );
}
