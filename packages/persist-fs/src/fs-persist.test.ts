import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { InvalidArgumentError, PersistError } from "@candlewick/core";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createFsPersist } from "./fs-persist.js";

const key = { namespace: "signals", strategyName: "sma-cross", symbol: "BTCUSDT" };
let baseDir = "";

beforeEach(async () => {
  baseDir = await mkdtemp(join(tmpdir(), "candlewick-persist-fs-"));
});
afterEach(async () => {
  await rm(baseDir, { recursive: true, force: true });
});

describe("createFsPersist layout", () => {
  it("writes signals/<strategy>/<symbol>.json under the working directory by default", async () => {
    const previous = process.cwd();
    process.chdir(baseDir);
    try {
      const persist = createFsPersist();
      await persist.write(key, { open: true });
      await persist.write({ ...key, symbol: "ETHUSDT" }, { open: false });
    } finally {
      process.chdir(previous);
    }
    expect(await readdir(baseDir)).toEqual(["signals"]);
    expect(await readdir(join(baseDir, "signals"))).toEqual(["sma-cross"]);
    expect((await readdir(join(baseDir, "signals", "sma-cross"))).sort()).toEqual([
      "BTCUSDT.json",
      "ETHUSDT.json",
    ]);
    expect(JSON.parse(await readFile(join(baseDir, "signals", "sma-cross", "BTCUSDT.json"), "utf8"))).toEqual(
      {
        open: true,
      },
    );
  });

  it("keeps a key's file where it is when the key is deleted, removing only the file", async () => {
    const persist = createFsPersist({ baseDir });
    await persist.write(key, 1);
    await persist.delete(key);
    expect(await readdir(join(baseDir, "signals", "sma-cross"))).toEqual([]);
  });
});

describe("createFsPersist options", () => {
  it("names a bad option", () => {
    expect(() => createFsPersist({ baseDir: "" })).toThrow(InvalidArgumentError);
    expect(() => createFsPersist({ baseDir: "" })).toThrow(/^\[persist-fs\] "baseDir" is ""/);
    expect(() => createFsPersist({ fsync: "yes" as unknown as boolean })).toThrow(
      /"fsync" is "yes"; expected boolean/,
    );
  });

  it("refuses an unknown option rather than ignoring a typo", () => {
    expect(() => createFsPersist({ dir: "x" } as never)).toThrow(/dir/);
  });
});

describe("createFsPersist failures", () => {
  it("reports a corrupt file with its path and the way out, and leaves it untouched", async () => {
    const path = join(baseDir, "signals", "sma-cross", "BTCUSDT.json");
    await mkdir(join(baseDir, "signals", "sma-cross"), { recursive: true });
    await writeFile(path, '{"open": tr');
    const persist = createFsPersist({ baseDir });

    const error = await persist.read(key).catch((caught) => caught);
    expect(error).toBeInstanceOf(PersistError);
    expect(error.location).toBe(path);
    expect(error.message).toContain(`corrupt state file ${path}`);
    expect(error.message).toContain("move it aside");
    expect(await readFile(path, "utf8")).toBe('{"open": tr');
    expect(await persist.keys("signals")).toEqual([key]);

    await persist.delete(key);
    expect(await persist.read(key)).toBeNull();
  });

  it("reports an unreadable path as a PersistError naming it", async () => {
    const path = join(baseDir, "signals", "sma-cross", "BTCUSDT.json");
    await mkdir(path, { recursive: true });
    const persist = createFsPersist({ baseDir });
    const error = await persist.read(key).catch((caught) => caught);
    expect(error).toBeInstanceOf(PersistError);
    expect(error.message).toContain(`cannot read ${path}`);
    await expect(persist.write(key, 1)).rejects.toThrow(`cannot write ${path}`);
  });

  it("rejects when the base directory cannot be created", async () => {
    await writeFile(join(baseDir, "a-file"), "");
    const persist = createFsPersist({ baseDir: join(baseDir, "a-file") });
    await expect(persist.write(key, 1)).rejects.toBeInstanceOf(PersistError);
    await expect(persist.keys("signals")).rejects.toBeInstanceOf(PersistError);
  });
});

describe("createFsPersist ordering", () => {
  it("applies operations on one key in call order", async () => {
    const persist = createFsPersist({ baseDir, fsync: false });
    const pending = [persist.write(key, "first"), persist.delete(key), persist.write(key, "last")];
    const reads = [persist.read(key), persist.has(key)];
    await Promise.all(pending);
    expect(await Promise.all(reads)).toEqual(["last", true]);
  });

  it("lets writes accepted before close() finish", async () => {
    const persist = createFsPersist({ baseDir });
    const writes = Array.from({ length: 10 }, (_, seq) => persist.write(key, { seq }));
    await persist.close?.();
    await Promise.all(writes);
    expect(await createFsPersist({ baseDir }).read(key)).toEqual({ seq: 9 });
  });
});
