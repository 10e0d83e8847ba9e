import { execFileSync } from "node:child_process";
import { type FileHandle, mkdtemp, open, readdir, readFile, rm, statfs, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PersistError } from "@candlewick/core";
import { type AtomicFileHandle, type AtomicWriteOpen, writeFileAtomic } from "@candlewick/core/internal";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createFsPersist } from "./fs-persist.js";

const key = { namespace: "signals", strategyName: "sma-cross", symbol: "BTCUSDT" };

/** A state of about `bytes` bytes of JSON whose content shows any truncation or mix. */
function bigState(bytes: number) {
  return {
    seq: 2,
    payload: Array.from({ length: bytes / 8 }, (_, i) => String(i % 1e6).padStart(7, "0")).join(","),
  };
}

// A real, tiny file system: 64 KiB of tmpfs, so the disk really fills up under the write.
let tinyDir = "";
let mounted = false;
let mountProblem = "";
beforeAll(async () => {
  tinyDir = await mkdtemp(join(tmpdir(), "candlewick-persist-fs-tmpfs-"));
  if (process.getuid?.() !== 0) {
    mountProblem = "not root";
    return;
  }
  try {
    execFileSync("mount", ["-t", "tmpfs", "-o", "size=64k", "tmpfs", tinyDir], { stdio: "pipe" });
    mounted = true;
  } catch (error) {
    mountProblem = `mount -t tmpfs failed: ${String(error).slice(0, 200)}`;
  }
});
afterAll(async () => {
  if (mounted) execFileSync("umount", [tinyDir]);
  await rm(tinyDir, { recursive: true, force: true });
});

describe("a state write on a nearly full disk (real 64 KiB tmpfs)", () => {
  // Mounting a tmpfs needs root: elsewhere this test is skipped, and says so in its title.
  it.skipIf(process.getuid?.() !== 0)(
    "rejects with a PersistError naming the path and leaves the previous state intact (needs root for mount -t tmpfs; skipped otherwise)",
    async (context) => {
      if (!mounted) context.skip(`skipped: could not mount a 64 KiB tmpfs (${mountProblem})`);
      const persist = createFsPersist({ baseDir: tinyDir });
      const path = join(tinyDir, "signals", "sma-cross", "BTCUSDT.json");
      await persist.write(key, { seq: 1, good: true });
      const before = await readFile(path);

      // Leave about 12 KiB free, then write a ~20 KB state over the good one.
      const { bavail, bsize } = await statfs(tinyDir);
      await writeFile(join(tinyDir, "filler"), Buffer.alloc(bavail * bsize - 12 * 1024));
      const state = bigState(20_000);
      expect(JSON.stringify(state).length).toBeGreaterThan(19_000);

      const error = await persist.write(key, state).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(PersistError);
      expect((error as PersistError).location).toBe(path);
      expect((error as PersistError).message).toContain(`cannot write ${path}`);
      expect((error as PersistError).message).toMatch(/ENOSPC|no space/i);

      expect(await readFile(path)).toEqual(before);
      expect(await createFsPersist({ baseDir: tinyDir }).read(key)).toEqual({ seq: 1, good: true });
      // The failed write's temp file is gone, so the space is free again.
      expect(await readdir(join(tinyDir, "signals", "sma-cross"))).toEqual(["BTCUSDT.json"]);

      await rm(join(tinyDir, "filler"));
      await persist.write(key, state);
      expect(await persist.read(key)).toEqual(state);
    },
  );
});

describe("writeFileAtomic (core, used for state files) with faults injected into a real file handle", () => {
  let dir = "";
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "candlewick-persist-fs-atomic-"));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  /** A real file handle, with some of its calls replaced. */
  function wrapping(overrides: (handle: FileHandle) => Partial<AtomicFileHandle>): AtomicWriteOpen {
    return async (path, flags, mode) => {
      const handle = await open(path, flags, mode);
      return {
        write: (buffer, offset, length, position) => handle.write(buffer, offset, length, position),
        sync: () => handle.sync(),
        close: () => handle.close(),
        chmod: (m) => handle.chmod(m),
        ...overrides(handle),
      };
    };
  }

  /** Opens real files whose `write` accepts at most `chunk` bytes per call, as a nearly full disk may. */
  function shortWrites(chunk: number, calls: number[]): AtomicWriteOpen {
    return wrapping((handle) => ({
      write: (buffer, offset, length, position) => {
        calls.push(length);
        return handle.write(buffer, offset, Math.min(length, chunk), position);
      },
    }));
  }

  it("loops until every byte is written; the file is byte-identical", async () => {
    const path = join(dir, "state.json");
    await writeFile(path, '{"old":true}');
    const text = `${JSON.stringify(bigState(50_000))}é€😀`;
    const calls: number[] = [];
    await writeFileAtomic(path, text, { fsync: true, open: shortWrites(4_096, calls) });
    const expected = Buffer.from(text, "utf8");
    expect((await readFile(path)).equals(expected)).toBe(true);
    expect(calls.length).toBe(Math.ceil(expected.length / 4_096));
    expect(calls[0]).toBe(expected.length);
    expect(await readdir(dir)).toEqual(["state.json"]);
  });

  it("rejects, removes its temp file and keeps the old file when a write accepts no bytes", async () => {
    const path = join(dir, "state.json");
    await writeFile(path, '{"old":true}');
    const stalled = wrapping(() => ({ write: async () => ({ bytesWritten: 0 }) }));
    await expect(writeFileAtomic(path, '{"new":true}', { fsync: true, open: stalled })).rejects.toThrow(
      /0 of 12 bytes/,
    );
    expect(await readFile(path, "utf8")).toBe('{"old":true}');
    expect(await readdir(dir)).toEqual(["state.json"]);
  });

  for (const step of ["sync", "close"] as const) {
    it(`rejects, removes its temp file and keeps the old file on ENOSPC from ${step}`, async () => {
      const path = join(dir, "state.json");
      await writeFile(path, '{"old":true}');
      const enospc = Object.assign(new Error(`ENOSPC: no space left on device, ${step}`), { code: "ENOSPC" });
      const failing = wrapping((handle) => ({
        sync: async () => {
          if (step === "sync") throw enospc;
          await handle.sync();
        },
        close: async () => {
          await handle.close();
          if (step === "close") throw enospc;
        },
      }));
      await expect(writeFileAtomic(path, '{"new":true}', { fsync: true, open: failing })).rejects.toThrow(
        "ENOSPC",
      );
      expect(await readFile(path, "utf8")).toBe('{"old":true}');
      expect(await readdir(dir)).toEqual(["state.json"]);
    });
  }
});
