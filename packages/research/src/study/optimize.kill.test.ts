import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tpeSampler } from "../tpe/tpe-sampler.js";
import {
  KILLABLE_SEED,
  KILLABLE_TRIALS,
  killableObjective,
  killableSpace,
} from "./__fixtures__/killable-study.js";
import { optimize } from "./optimize.js";
import type { TrialRecord } from "./trial-record.js";

let workDir = "";
let childScript = "";

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), "candlewick-research-kill-"));
  childScript = join(workDir, "killable-study.cjs");
  // Bundled once, so each start costs a Node start rather than a TypeScript compile.
  await build({
    entryPoints: [fileURLToPath(new URL("./__fixtures__/killable-study.ts", import.meta.url))],
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

/** Runs the study until it has stored one more trial, then SIGKILLs it at a random moment; or lets it finish. */
async function runOnce(path: string, kill: boolean): Promise<"killed" | "done"> {
  const child: ChildProcess = spawn(process.execPath, [childScript], {
    env: { ...process.env, CANDLEWICK_STUDY_LOG: path },
    stdio: ["ignore", "pipe", "inherit"],
  });
  let output = "";
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on("close", (code, signal) => resolve({ code, signal })),
  );
  if (kill) {
    await new Promise<void>((resolve) => {
      child.stdout?.on("data", (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes("\n")) resolve();
      });
      void exited.then(() => resolve());
    });
    await new Promise((resolve) => setTimeout(resolve, Math.random() * 60));
    if (child.exitCode === null) process.kill(child.pid!, "SIGKILL");
  } else {
    child.stdout?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
  }
  const { code, signal } = await exited;
  if (signal === "SIGKILL") return "killed";
  expect(code, `child output: ${output}`).toBe(0);
  expect(output).toContain("done");
  return "done";
}

describe("a study under kill -9", () => {
  it("resumes from its log after each kill and ends with exactly the trials of an uninterrupted run", {
    timeout: 120_000,
  }, async () => {
    const path = join(workDir, "study.jsonl");
    let kills = 0;
    for (let attempt = 0; attempt < 8; attempt++) {
      if ((await runOnce(path, true)) === "killed") kills++;
    }
    await runOnce(path, false);
    expect(kills).toBeGreaterThanOrEqual(4);

    const lines = (await readFile(path, "utf8")).split("\n");
    expect(lines.at(-1)).toBe("");
    const records = lines.slice(1, -1).map((line) => JSON.parse(line) as TrialRecord);
    const numbers = records.map((record) => record.number).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: KILLABLE_TRIALS }, (_, index) => index));

    const uninterrupted = await optimize({
      space: killableSpace,
      trials: KILLABLE_TRIALS,
      seed: KILLABLE_SEED,
      sampler: tpeSampler(),
      objective: killableObjective,
    });
    expect([...records].sort((a, b) => a.number - b.number)).toEqual(uninterrupted.trials);
  });
});
