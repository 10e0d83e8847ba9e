import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PersistError } from "@candlewick/core";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createFsPersist } from "./fs-persist.js";

const key = { namespace: "signals", strategyName: "sma-cross", symbol: "BTCUSDT" };
let work = "";
let baseDir = "";
/** A directory outside baseDir that must stay exactly as the test left it. */
let outside = "";

beforeEach(async () => {
  work = await mkdtemp(join(tmpdir(), "candlewick-persist-fs-symlink-"));
  baseDir = join(work, "state");
  outside = join(work, "outside");
  await mkdir(baseDir);
  await mkdir(outside);
  await writeFile(join(outside, "victim.json"), '{"keep":"me"}');
});
afterEach(async () => {
  await rm(work, { recursive: true, force: true });
});

async function outsideUntouched(): Promise<void> {
  expect(await readdir(outside)).toEqual(["victim.json"]);
  expect(await readFile(join(outside, "victim.json"), "utf8")).toBe('{"keep":"me"}');
}

async function refusal(promise: Promise<unknown>, path: string): Promise<void> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(PersistError);
  expect((error as PersistError).location).toBe(path);
  expect((error as PersistError).message).toContain(`refusing ${path}`);
  expect((error as PersistError).message).toContain("is a symbolic link");
  expect((error as PersistError).message).toContain("never follows links below baseDir");
}

describe("createFsPersist and symbolic links below baseDir", () => {
  it("refuses a link at the state file: no read through it, no write through it", async () => {
    const path = join(baseDir, "signals", "sma-cross", "BTCUSDT.json");
    await mkdir(join(baseDir, "signals", "sma-cross"), { recursive: true });
    await symlink(join(outside, "victim.json"), path);
    const persist = createFsPersist({ baseDir });

    await refusal(persist.read(key), path);
    await refusal(persist.write(key, { written: true }), path);
    await refusal(persist.has(key), path);
    await refusal(persist.keys("signals"), path);
    await outsideUntouched();
    // No temp file is left behind by the refused write.
    expect(await readdir(join(baseDir, "signals", "sma-cross"))).toEqual(["BTCUSDT.json"]);
    // delete removes the link itself, nothing it points to: the way out.
    await persist.delete(key);
    await outsideUntouched();
    await persist.write(key, { written: true });
    expect(await persist.read(key)).toEqual({ written: true });
  });

  it("refuses a dangling link at the state file and creates nothing where it points", async () => {
    const path = join(baseDir, "signals", "sma-cross", "BTCUSDT.json");
    await mkdir(join(baseDir, "signals", "sma-cross"), { recursive: true });
    await symlink(join(outside, "planted.json"), path);
    await refusal(createFsPersist({ baseDir }).write(key, { written: true }), path);
    await outsideUntouched();
  });

  it("refuses a namespace directory that links outside baseDir", async () => {
    const linked = join(baseDir, "signals");
    await symlink(outside, linked);
    const persist = createFsPersist({ baseDir });

    await refusal(persist.write(key, { written: true }), linked);
    await refusal(persist.read({ ...key, symbol: "victim" }), linked);
    await refusal(persist.has(key), linked);
    await refusal(persist.delete({ ...key, strategyName: "x", symbol: "victim" }), linked);
    await refusal(persist.keys("signals"), linked);
    await outsideUntouched();
  });

  it("refuses a strategy directory that links outside baseDir", async () => {
    await mkdir(join(baseDir, "signals"));
    const linked = join(baseDir, "signals", "sma-cross");
    await symlink(outside, linked);
    const persist = createFsPersist({ baseDir });

    await refusal(persist.write(key, { written: true }), linked);
    await refusal(persist.read({ ...key, symbol: "victim" }), linked);
    await refusal(persist.delete({ ...key, symbol: "victim" }), linked);
    await refusal(persist.keys("signals"), linked);
    await refusal(persist.keys("signals", "sma-cross"), linked);
    await outsideUntouched();
  });

  it("accepts a baseDir that is itself a link: that location is the user's choice", async () => {
    const linkedBase = join(work, "state-link");
    await symlink(baseDir, linkedBase);
    const persist = createFsPersist({ baseDir: linkedBase });
    await persist.write(key, { ok: true });
    expect(JSON.parse(await readFile(join(baseDir, "signals", "sma-cross", "BTCUSDT.json"), "utf8"))).toEqual(
      {
        ok: true,
      },
    );
    await outsideUntouched();
  });
});
