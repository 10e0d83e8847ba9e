import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import {
  addExchange,
  addFrame,
  addStrategy,
  addWalker,
  Backtest,
  candleFixtureDir,
  createCsvExchange,
  createEngine,
  createMemoryPersist,
  getMarketPrice,
  type Reporter,
  Walker,
} from "./index.js";

const index = fileURLToPath(new URL("./index.ts", import.meta.url));

/** A live run on a replay of the fixture candles, holding one long open, printing each event's action. */
function holdOpenScript(endDate: string): string {
  return `const replay = createReplay({
  source: createCsvExchange({ exchangeName: "history", dir: candleFixtureDir() }),
  exchangeName: "replayed",
  startDate: new Date("2025-06-02T00:00:00Z"),
  endDate: new Date("${endDate}"),
});
addExchange(replay.exchange);
addStrategy({
  strategyName: "holds-open",
  interval: "1m",
  getSignal: async () => {
    const price = await getMarketPrice();
    return { position: "long", priceTakeProfit: price * 1.1, priceStopLoss: price * 0.9, minuteEstimatedTime: 1440 };
  },
});
for await (const event of Live.run("BTCUSDT", { strategyName: "holds-open", exchangeName: "replayed" })) {
  console.log(event.action);
}`;
}

/** Runs `script` as an ES module in a fresh working directory, in a child process (from the sources). */
function runScript(prefix: string, script: string) {
  const cwd = mkdtempSync(join(tmpdir(), prefix));
  const tsx = createRequire(import.meta.url).resolve("tsx/esm");
  writeFileSync(join(cwd, "script.mjs"), script);
  const run = spawnSync(
    process.execPath,
    ["--import", pathToFileURL(tsx).href, "--conditions=@candlewick/source", join(cwd, "script.mjs")],
    { cwd, encoding: "utf8" },
  );
  return { cwd, run };
}

const hourlyLong = (strategyName: string, move: number) =>
  addStrategy({
    strategyName,
    interval: "1h",
    getSignal: async () => {
      const price = await getMarketPrice();
      return {
        position: "long",
        priceTakeProfit: price * 1.1,
        priceStopLoss: price * 0.9,
        minuteEstimatedTime: move,
      };
    },
  });

describe("candlewick: the defaults a user expects", () => {
  it("Walker.getReport and Backtest.getReport render markdown with no setReporter call", async () => {
    addExchange(createCsvExchange({ exchangeName: "defaults-csv", dir: candleFixtureDir() }));
    addFrame({
      frameName: "defaults-day",
      interval: "1m",
      startDate: new Date("2025-06-02T00:00:00Z"),
      endDate: new Date("2025-06-03T00:00:00Z"),
    });
    hourlyLong("defaults-30m", 30);
    hourlyLong("defaults-45m", 45);
    addWalker({
      walkerName: "defaults-walker",
      exchangeName: "defaults-csv",
      frameName: "defaults-day",
      strategies: ["defaults-30m", "defaults-45m"],
      metric: "totalPnl",
    });
    for await (const _ of Walker.run("BTCUSDT", { walkerName: "defaults-walker" })) {
      // drain
    }
    const walker = Walker.getReport("defaults-walker", "BTCUSDT");
    expect(walker).toMatch(/^# /);
    expect(walker).toContain("defaults-30m");
    expect(walker).toContain("defaults-45m");
    let trades = 0;
    for await (const _ of Backtest.run("BTCUSDT", {
      strategyName: "defaults-30m",
      exchangeName: "defaults-csv",
      frameName: "defaults-day",
    })) {
      trades++;
    }
    // One trade an hour, each held 30 minutes.
    expect(trades).toBe(24);
    const backtest = Backtest.getReport("defaults-30m");
    expect(backtest).toMatch(/^# /);
    expect(backtest).toContain("BTCUSDT");
  });

  it("a live run with no persistence configured keeps its state in ./signals with persist-fs", () => {
    const { cwd, run } = runScript(
      "candlewick-defaults-",
      `import { addExchange, addStrategy, candleFixtureDir, createCsvExchange, createReplay, getMarketPrice, Live } from ${JSON.stringify(index)};
${holdOpenScript("2025-06-02T01:00:00Z")}`,
    );
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("opened");
    const stateFile = join(cwd, "signals", "holds-open", "BTCUSDT.json");
    expect(existsSync(stateFile)).toBe(true);
    expect(readFileSync(stateFile, "utf8")).toContain('"long"');
  });

  it("createEngine from candlewick wires the same defaults; an engine's own reporter and persistence win", async () => {
    const engine = createEngine();
    engine.addExchange(createCsvExchange({ exchangeName: "csv", dir: candleFixtureDir() }));
    engine.addFrame({
      frameName: "day",
      interval: "1m",
      startDate: new Date("2025-06-02T00:00:00Z"),
      endDate: new Date("2025-06-03T00:00:00Z"),
    });
    engine.addStrategy({
      strategyName: "hourly",
      interval: "1h",
      getSignal: async () => null,
    });
    for await (const _ of engine.Backtest.run("BTCUSDT", {
      strategyName: "hourly",
      exchangeName: "csv",
      frameName: "day",
    })) {
      // no trades: the report is still rendered
    }
    expect(engine.Backtest.getReport("hourly")).toMatch(/^# /);
    const own: Reporter = { ...engine.getReporter(), name: "own", renderBacktest: () => "OWN" };
    engine.setReporter(own);
    expect(engine.Backtest.getReport("hourly")).toBe("OWN");
    await engine.dispose();
    const other = createEngine({ persist: createMemoryPersist() });
    expect(other.getReporter().name).toBe("markdown");
    await other.dispose();
  });

  it("a persistence set before candlewick is imported is kept (the defaults only fill what is unset)", () => {
    const core = fileURLToPath(new URL("../../core/src/index.ts", import.meta.url));
    const { cwd, run } = runScript(
      "candlewick-order-",
      `import { createMemoryPersist, setPersist } from ${JSON.stringify(core)};
const memory = createMemoryPersist();
setPersist(memory);
const { addExchange, addStrategy, candleFixtureDir, createCsvExchange, createReplay, getMarketPrice, Live } = await import(${JSON.stringify(index)});
${holdOpenScript("2025-06-02T00:10:00Z")}
console.log("keys", (await memory.keys("signals")).length);`,
    );
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("opened");
    expect(run.stdout).toContain("keys 1");
    expect(existsSync(join(cwd, "signals"))).toBe(false);
  });
});
