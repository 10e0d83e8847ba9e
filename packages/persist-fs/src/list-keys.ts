import type { Dirent } from "node:fs";
import { readdir } from "node:fs/promises";
import { join } from "node:path";
import type { PersistKey } from "@candlewick/core";
import { isPersistKeyPart } from "@candlewick/core";
import { keyDirectoryExists } from "./ensure-directory.js";
import { errorCode, fsError } from "./fs-error.js";
import { refuseSymlink } from "./refuse-symlink.js";

/**
 * Lists the keys stored under `<root>/<namespace>[/<strategyName>]`. Only `<part>/<part>.json` files count:
 * temp files of an interrupted write, files moved aside (`*.json.corrupt`) and anything else are ignored. File
 * names are the key parts themselves, so nothing is decoded. A symbolic link where a key's directory or file
 * would be is refused (the adapter could not read it either), not skipped.
 */
export async function listKeys(
  root: string,
  namespace: string,
  strategyName?: string,
): Promise<PersistKey[]> {
  if (
    !(await keyDirectoryExists(root, strategyName === undefined ? [namespace] : [namespace, strategyName]))
  ) {
    return [];
  }
  const namespaceDir = join(root, namespace);
  let strategies = [strategyName ?? ""];
  if (strategyName === undefined) {
    strategies = [];
    for (const entry of await readEntries(namespaceDir)) {
      if (!isPersistKeyPart(entry.name)) continue;
      if (entry.isSymbolicLink()) throw await refuseSymlink(join(namespaceDir, entry.name), "directory");
      if (entry.isDirectory()) strategies.push(entry.name);
    }
  }
  const keys: PersistKey[] = [];
  for (const strategy of strategies) {
    const dir = join(namespaceDir, strategy);
    for (const entry of await readEntries(dir)) {
      const symbol = entry.name.slice(0, -".json".length);
      if (!entry.name.endsWith(".json") || !isPersistKeyPart(symbol)) continue;
      if (entry.isSymbolicLink()) throw await refuseSymlink(join(dir, entry.name), "state file");
      if (entry.isFile()) keys.push({ namespace, strategyName: strategy, symbol });
    }
  }
  return keys;
}

/** A missing directory holds no keys; any other failure rejects (fail closed). */
async function readEntries(dir: string): Promise<Dirent[]> {
  try {
    return await readdir(dir, { withFileTypes: true });
  } catch (error) {
    if (errorCode(error) === "ENOENT") return [];
    throw fsError("list", dir, error);
  }
}
