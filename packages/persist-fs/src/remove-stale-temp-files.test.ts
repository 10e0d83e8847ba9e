import { mkdir, mkdtemp, readdir, rm, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { tempPathFor } from "@candlewick/core/internal";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createFsPersist } from "./fs-persist.js";
import { isTempFileName, STALE_TEMP_MS } from "./remove-stale-temp-files.js";

const key = { namespace: "signals", strategyName: "sma-cross", symbol: "BTCUSDT" };
let baseDir = "";
let dir = "";

beforeEach(async () => {
  baseDir = await mkdtemp(join(tmpdir(), "candlewick-persist-fs-temp-"));
  dir = join(baseDir, "signals", "sma-cross");
  await mkdir(dir, { recursive: true });
});
afterEach(async () => {
  await rm(baseDir, { recursive: true, force: true });
});

async function strayTempFile(name: string, ageMs: number): Promise<void> {
  await writeFile(join(dir, name), '{"half":');
  const when = new Date(Date.now() - ageMs);
  await utimes(join(dir, name), when, when);
}

describe("temp files left by a crashed write", () => {
  it("recognises the adapter's own temp names (and those of write-file-atomic, used before)", () => {
    for (let i = 0; i < 100; i++) {
      const temp = tempPathFor(join(dir, "BTCUSDT.json"));
      expect(isTempFileName(temp.slice(dir.length + 1))).toBe(true);
    }
    expect(isTempFileName("BTCUSDT.json.3747372915")).toBe(true);
    expect(isTempFileName("BTCUSDT.json")).toBe(false);
    expect(isTempFileName("BTCUSDT.json.corrupt")).toBe(false);
  });

  it("are not keys", async () => {
    await strayTempFile("BTCUSDT.json.1234567", 0);
    await strayTempFile("ETHUSDT.json.42", 0);
    const persist = createFsPersist({ baseDir });
    expect(await persist.keys("signals")).toEqual([]);
    await persist.write(key, 1);
    expect(await persist.keys("signals", "sma-cross")).toEqual([key]);
  });

  it("are removed on the next write into their directory once stale, and young ones are left alone", async () => {
    await strayTempFile("BTCUSDT.json.1111", STALE_TEMP_MS * 2);
    await strayTempFile("ETHUSDT.json.2222", STALE_TEMP_MS * 2);
    // Young: may belong to a write still running in another process.
    await strayTempFile("SOLUSDT.json.3333", 1_000);
    await writeFile(join(dir, "XRPUSDT.json.corrupt"), "kept for inspection");
    const persist = createFsPersist({ baseDir });
    await persist.write(key, { open: true });
    expect((await readdir(dir)).sort()).toEqual([
      "BTCUSDT.json",
      "SOLUSDT.json.3333",
      "XRPUSDT.json.corrupt",
    ]);
    expect(await persist.read(key)).toEqual({ open: true });
  });
});
