import { unlink } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import {
  assertJsonValue,
  assertKeyPart,
  assertPersistKey,
  type PersistAdapter,
  PersistError,
  type PersistKey,
  parseWithSchema,
} from "@candlewick/core";
import { fsyncDirectory, writeFileAtomic } from "@candlewick/core/internal";
import { ensureKeyDirectory, keyDirectoryExists } from "./ensure-directory.js";
import { errorCode, fsError } from "./fs-error.js";
import { type FsPersistOptions, fsPersistOptionsSchema } from "./fs-persist-options.js";
import { createKeyQueue } from "./key-queue.js";
import { listKeys } from "./list-keys.js";
import { readStateFile } from "./read-state-file.js";
import { lstatOrUndefined, refuseSymlink } from "./refuse-symlink.js";
import { removeStaleTempFiles } from "./remove-stale-temp-files.js";

const COMPONENT = "persist-fs";

/**
 * Creates a persistence adapter that keeps each entity in its own JSON file,
 * `<baseDir>/<namespace>/<strategyName>/<symbol>.json`; live signal state lands in
 * `./signals/<strategyName>/<symbol>.json` by default.
 *
 * Writes are atomic (the whole text to a temp file, fsync, rename, fsync of the directory), so a crash or a
 * full disk leaves the old or the new file, never a torn one. Symbolic links below `baseDir` are refused,
 * never followed. Operations on one key run one at a time, in call order. Every I/O failure and every
 * corrupt file rejects with a `PersistError` naming the path.
 *
 * @throws InvalidArgumentError when an option is invalid, naming it.
 *
 * @example
 * const persist = createFsPersist({ baseDir: "./state" });
 * await persist.write({ namespace: "signals", strategyName: "sma-cross", symbol: "BTCUSDT" }, { open: true });
 */
export function createFsPersist(options: FsPersistOptions = {}): PersistAdapter {
  const { baseDir, fsync } = parseWithSchema(COMPONENT, fsPersistOptionsSchema, options);
  const root = resolve(baseDir);
  const queue = createKeyQueue();
  // Directories already swept of stale temp files by this instance: once per directory is enough.
  const swept = new Set<string>();
  let closed = false;

  function pathOf(key: PersistKey): string {
    if (closed)
      throw new PersistError("fs", "the adapter is closed; create a new one with createFsPersist()");
    assertPersistKey(COMPONENT, key);
    return join(root, key.namespace, key.strategyName, `${key.symbol}.json`);
  }

  async function sweepOnce(dir: string): Promise<void> {
    if (swept.has(dir)) return;
    swept.add(dir);
    await removeStaleTempFiles(dir);
  }

  return {
    specificationVersion: "v1",
    name: "fs",
    async read(key) {
      const path = pathOf(key);
      return queue.run(path, async () => {
        if (!(await keyDirectoryExists(root, [key.namespace, key.strategyName]))) return null;
        return readStateFile(path);
      });
    },
    async write(key, value) {
      const path = pathOf(key);
      assertJsonValue(COMPONENT, value);
      const text = JSON.stringify(value);
      await queue.run(path, async () => {
        try {
          const dir = await ensureKeyDirectory(root, [key.namespace, key.strategyName], fsync);
          await sweepOnce(dir);
          await writeFileAtomic(path, text, {
            fsync,
            refuseSymlink: (at) => refuseSymlink(at, "state file"),
          });
        } catch (error) {
          throw fsError("write", path, error);
        }
      });
    },
    async delete(key) {
      const path = pathOf(key);
      await queue.run(path, async () => {
        // A link at the file itself is only unlinked, which touches nothing outside baseDir.
        if (!(await keyDirectoryExists(root, [key.namespace, key.strategyName]))) return;
        try {
          await unlink(path);
          if (fsync) await fsyncDirectory(dirname(path));
        } catch (error) {
          if (errorCode(error) !== "ENOENT") throw fsError("delete", path, error);
        }
      });
    },
    async has(key) {
      const path = pathOf(key);
      return queue.run(path, async () => {
        if (!(await keyDirectoryExists(root, [key.namespace, key.strategyName]))) return false;
        const info = await lstatOrUndefined(path);
        if (info?.isSymbolicLink()) throw await refuseSymlink(path, "state file");
        return info?.isFile() ?? false;
      });
    },
    async keys(namespace, strategyName) {
      if (closed)
        throw new PersistError("fs", "the adapter is closed; create a new one with createFsPersist()");
      assertKeyPart(COMPONENT, "namespace", namespace);
      if (strategyName !== undefined) assertKeyPart(COMPONENT, "strategyName", strategyName);
      return listKeys(root, namespace, strategyName);
    },
    async close() {
      // Later calls reject at once; writes already accepted still finish, so a shutdown loses none.
      closed = true;
      await queue.idle();
    },
  };
}
