import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { LiveResult, LiveState } from "candlewick";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { crashStrategy, DATA_DIR, SYMBOL, WINDOW_START } from "./crash-scenario.js";

// Through the `candlewick` package, which registers @candlewick/persist-fs on import, and with no setPersist call:
// Live keeps its state with persist-fs's defaults, `./signals/<strategy>/<symbol>.json` under the working directory
// (core alone has no default: packages/core/src/persist/persist-registry.test.ts).
let workDir = "";
let previousDir = "";

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), "candlewick-live-default-persist-"));
  previousDir = process.cwd();
  process.chdir(workDir);
});
afterAll(async () => {
  process.chdir(previousDir);
  await rm(workDir, { recursive: true, force: true });
});

describe("Live with no persistence registered", () => {
  it("candlewick uses @candlewick/persist-fs: ./signals/<strategy>/<symbol>.json", async () => {
    // Imported once the working directory is the temporary one: the default adapter resolves it on import.
    const { addExchange, addStrategy, createCsvExchange, createReplay, Live } = await import("candlewick");
    const replay = createReplay({
      source: createCsvExchange({ exchangeName: "default-persist-source", dir: DATA_DIR }),
      exchangeName: "default-persist-replay",
      startDate: new Date(WINDOW_START),
      endDate: new Date(WINDOW_START + 60 * 60_000),
    });
    addExchange(replay.exchange);
    addStrategy(crashStrategy("default-persist"));
    const results: LiveResult[] = [];
    for await (const result of Live.run(SYMBOL, {
      strategyName: "default-persist",
      exchangeName: "default-persist-replay",
      clock: replay.clock,
    })) {
      results.push(result);
    }
    expect(results.length).toBeGreaterThan(0);
    const state = JSON.parse(
      await readFile(join(workDir, "signals", "default-persist", `${SYMBOL}.json`), "utf8"),
    ) as LiveState;
    expect(state).toMatchObject({ version: 1, exchangeName: "default-persist-replay", outbox: [] });
  });
});
