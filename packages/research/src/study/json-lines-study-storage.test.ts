import { appendFile, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PersistError } from "@candlewick/core";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { integerRange } from "../space/param-spec.js";
import { defineSearchSpace } from "../space/search-space.js";
import { jsonLinesStudyStorage } from "./json-lines-study-storage.js";
import { optimize } from "./optimize.js";
import { StudyMismatchError } from "./study-mismatch-error.js";

const space = defineSearchSpace({ k: integerRange(0, 100) });
const objective = ({ k }: { k: number }) => -Math.abs(k - 42);
let dir = "";
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "candlewick-research-log-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const study = (path: string, trials: number, seed = 3) =>
  optimize({ space, objective, trials, seed, storage: jsonLinesStudyStorage(path) });

describe("jsonLinesStudyStorage", () => {
  it("writes a header line and one JSON line per trial, and resumes from them", async () => {
    const path = join(dir, "nested", "study.jsonl");
    await study(path, 6);
    const lines = (await readFile(path, "utf8")).trimEnd().split("\n");
    expect(lines).toHaveLength(7);
    expect(JSON.parse(lines[0]!)).toMatchObject({
      kind: "candlewick-study",
      version: 1,
      seed: 3,
      sampler: { name: "tpe" },
    });
    expect(lines.slice(1).map((line) => JSON.parse(line).number)).toEqual([0, 1, 2, 3, 4, 5]);

    const resumed = await study(path, 15);
    expect(resumed.resumedTrials).toBe(6);
    expect(resumed.ranTrials).toBe(9);
    expect(resumed.trials).toEqual((await optimize({ space, objective, trials: 15, seed: 3 })).trials);
  });

  it("drops a torn last line (a write cut by a crash) and runs that trial again", async () => {
    const path = join(dir, "study.jsonl");
    await study(path, 4);
    const intact = await readFile(path, "utf8");
    await appendFile(path, '{"number":4,"params":{"k":');
    const resumed = await study(path, 5);
    expect(resumed.resumedTrials).toBe(4);
    expect(resumed.ranTrials).toBe(1);
    const text = await readFile(path, "utf8");
    expect(text.startsWith(intact)).toBe(true);
    expect(text.slice(intact.length)).toBe(`${JSON.stringify(resumed.trials[4])}\n`);
  });

  it("fails on a damaged line before the end, naming the line", async () => {
    const path = join(dir, "study.jsonl");
    await study(path, 3);
    const lines = (await readFile(path, "utf8")).split("\n");
    lines[2] = '{"number":1,"params":{},"value":"high"}';
    await writeFile(path, lines.join("\n"));
    const error = await study(path, 5).catch((caught) => caught);
    expect(PersistError.isInstance(error)).toBe(true);
    expect(error.message).toBe('[persist-research] trial record: "value" is not a finite number');
    expect(error.location).toBe(`${path}:3`);
  });

  it("refuses a log of another study", async () => {
    const path = join(dir, "study.jsonl");
    await study(path, 2, 3);
    await expect(study(path, 2, 4)).rejects.toBeInstanceOf(StudyMismatchError);
  });
});
