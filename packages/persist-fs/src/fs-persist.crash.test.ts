import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { crashKey, valueFor } from "./__fixtures__/write-loop.js";
import { createFsPersist } from "./fs-persist.js";

const KILLS = 30;
let workDir = "";
let childScript = "";

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), "candlewick-persist-fs-crash-"));
  childScript = join(workDir, "write-loop.cjs");
  // Bundled once, so each kill costs a Node start rather than a TypeScript compile.
  await build({
    entryPoints: [fileURLToPath(new URL("./__fixtures__/write-loop.ts", import.meta.url))],
    bundle: true,
    platform: "node",
    format: "cjs",
    target: "node20",
    conditions: ["@candlewick/source"],
    outfile: childScript,
    logLevel: "silent",
  });
});
afterAll(async () => {
  await rm(workDir, { recursive: true, force: true });
});

/** Starts the writer, lets it complete at least one write, then SIGKILLs it at a random moment. */
async function runAndKill(baseDir: string): Promise<number> {
  const child: ChildProcess = spawn(process.execPath, [childScript], {
    env: { ...process.env, CANDLEWICK_CRASH_CHILD_DIR: baseDir },
    stdio: ["ignore", "pipe", "inherit"],
  });
  let output = "";
  const exited = new Promise<NodeJS.Signals | null>((resolve) =>
    child.on("close", (_code, signal) => resolve(signal)),
  );
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("\n")) resolve();
    });
    child.on("error", reject);
    void exited.then(() => reject(new Error(`writer exited before its first write; output: ${output}`)));
  });
  await new Promise((resolve) => setTimeout(resolve, Math.random() * 40));
  process.kill(child.pid!, "SIGKILL");
  expect(await exited).toBe("SIGKILL");
  const reported = output.trim().split("\n").map(Number);
  return reported[reported.length - 1]!;
}

describe("createFsPersist under kill -9", () => {
  it(`leaves the old or the new complete file across ${KILLS} kills, never a torn one`, {
    timeout: 120_000,
  }, async () => {
    const baseDir = join(workDir, "state");
    const path = join(baseDir, crashKey.namespace, crashKey.strategyName, `${crashKey.symbol}.json`);
    for (let kill = 0; kill < KILLS; kill += 1) {
      const lastReported = await runAndKill(baseDir);
      const onDisk = JSON.parse(await readFile(path, "utf8")) as { seq: number };
      // The write after the last reported one may or may not have landed; nothing else may be there.
      expect([lastReported, lastReported + 1], `kill ${kill + 1}`).toContain(onDisk.seq);
      expect(onDisk).toEqual(valueFor(onDisk.seq));
    }
    const persist = createFsPersist({ baseDir });
    expect(await persist.keys("signals")).toEqual([crashKey]);
    const names = await readdir(join(baseDir, "signals", "crash"));
    expect(
      names.filter((name) => name !== "BTCUSDT.json").every((name) => /^BTCUSDT\.json\.\d+$/.test(name)),
    ).toBe(true);
  });
});
