import { chmod, mkdtemp, readdir, readFile, readlink, rm, stat, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { writeFileAtomic } from "./write-file-atomic.js";

// The fault cases (short writes, ENOSPC from sync/close, a full tmpfs) are tested in persist-fs, its main user.
describe("writeFileAtomic", () => {
  let dir = "";
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "candlewick-atomic-"));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("writes exactly the bytes of a view into a larger buffer, and leaves no temp file", async () => {
    const path = join(dir, "chunk.bin");
    const backing = Uint8Array.from([9, 9, 1, 2, 3, 9]);
    await writeFileAtomic(path, backing.subarray(2, 5));
    expect([...(await readFile(path))]).toEqual([1, 2, 3]);
    expect(await readdir(dir)).toEqual(["chunk.bin"]);
  });

  it("keeps the mode of the file it replaces", async () => {
    const path = join(dir, "report.md");
    await writeFile(path, "old");
    await chmod(path, 0o640);
    await writeFileAtomic(path, "new");
    expect(await readFile(path, "utf8")).toBe("new");
    expect((await stat(path)).mode & 0o777).toBe(0o640);
  });

  it("replaces a symbolic link by default, and refuses it when asked, leaving the link", async () => {
    const target = join(dir, "elsewhere.txt");
    await writeFile(target, "outside");
    const replaced = join(dir, "replaced.txt");
    await symlink(target, replaced);
    await writeFileAtomic(replaced, "mine");
    expect(await readFile(replaced, "utf8")).toBe("mine");
    expect(await readFile(target, "utf8")).toBe("outside");

    const kept = join(dir, "kept.txt");
    await symlink(target, kept);
    const refuse = (path: string) => new Error(`refusing ${path}`);
    await expect(writeFileAtomic(kept, "mine", { refuseSymlink: refuse })).rejects.toThrow(
      `refusing ${kept}`,
    );
    expect(await readlink(kept)).toBe(target);
    expect(await readFile(target, "utf8")).toBe("outside");
  });
});
