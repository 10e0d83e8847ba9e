import type { Dirent } from "node:fs";
import { readdir } from "node:fs/promises";
import { join } from "node:path";
import type { PersistKey } from "@candlewick/core";
import { isPersistKeyPart } from "@candlewick/core";
import { errorCode, fsError } from "./fs-error.js";

/**
 * Lists the keys stored under `<root>/<namespace>[/<strategyName>]`. Only `<part>/<part>.json` files count:
 * temp files of an interrupted write, files moved aside (`*.json.corrupt`) and anything else are ignored.
 */
export async function listKeys(
  root: string,
  namespace: string,
  strategyName?: string,
): Promise<PersistKey[]> {
  const namespaceDir = join(root, namespace);
  const strategies =
    strategyName === undefined
      ? (await readEntries(namespaceDir))
          .filter((entry) => entry.isDirectory() && isPersistKeyPart(entry.name))
          .map((entry) => entry.name)
      : [strategyName];
  const keys: PersistKey[] = [];
  for (const strategy of strategies) {
    for (const entry of await readEntries(join(namespaceDir, strategy))) {
      const symbol = entry.name.slice(0, -".json".length);
      if (entry.isFile() && entry.name.endsWith(".json") && isPersistKeyPart(symbol)) {
        keys.push({ namespace, strategyName: strategy, symbol });
      }
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
