import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { isAbsolute, join } from "node:path";
import {
  addWalker,
  Backtest,
  CandlewickError,
  Heat,
  Live,
  Performance,
  type Reporter,
  Schedule,
  type SignalDto,
  setReporter,
  Walker,
} from "@candlewick/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeReportFile } from "../files/write-report-file.js";
import {
  at,
  bars,
  flat,
  registerMarket,
  signalsAtMinutes,
  uniqueName,
} from "../walker/hand-made-market.test-helpers.js";

const reporter: Reporter = {
  specificationVersion: "v1",
  name: "json",
  fileExtension: ".json",
  renderBacktest: (data) => JSON.stringify({ kind: "backtest", data }),
  renderLive: (data) => JSON.stringify({ kind: "live", data }),
  renderWalker: (data) => JSON.stringify({ kind: "walker", data }),
  renderSchedule: (data) => JSON.stringify({ kind: "schedule", data }),
  renderHeat: (data) => JSON.stringify({ kind: "heat", data }),
  renderPerformance: (data) => JSON.stringify({ kind: "performance", data }),
  renderRisk: (data) => JSON.stringify({ kind: "risk", data }),
  renderPortfolio: (data) => JSON.stringify({ kind: "portfolio", data }),
};

const long: SignalDto = {
  position: "long",
  priceTakeProfit: 102,
  priceStopLoss: 98,
  minuteEstimatedTime: 30,
};
const candles = [
  ...flat(at(-5), 15, 100),
  ...bars(at(10), [[100, 102.5, 100, 100]]),
  ...flat(at(11), 60, 100),
];

describe("dump", () => {
  let dir: string;
  const strategyName = uniqueName("dump-strategy");
  const walkerName = uniqueName("dump-walker");

  beforeAll(async () => {
    setReporter(reporter);
    Performance.enable();
    dir = await mkdtemp(join(tmpdir(), "candlewick-dump-"));
    signalsAtMinutes(strategyName, { 5: long });
    addWalker({
      walkerName,
      ...registerMarket("dump", { TEST: candles }, 0, 60),
      strategies: [strategyName],
    });
    for await (const _ of Walker.run("TEST", { walkerName })) {
      // one strategy
    }
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it.each([
    [
      "Backtest",
      () => Backtest.dump(strategyName, join(dir, "a", "backtest")),
      () => Backtest.getReport(strategyName),
      "backtest",
    ],
    [
      "Walker",
      () => Walker.dump(walkerName, join(dir, "b", "walker")),
      () => Walker.getReport(walkerName),
      "walker",
    ],
    [
      "Schedule",
      () => Schedule.dump(strategyName, join(dir, "c")),
      () => Schedule.getReport(strategyName),
      "schedule",
    ],
    ["Heat", () => Heat.dump(strategyName, join(dir, "d")), () => Heat.getReport(strategyName), "heat"],
    [
      "Performance",
      () => Performance.dump(strategyName, join(dir, "e")),
      () => Performance.getReport(strategyName),
      "performance",
    ],
    ["Live", () => Live.dump(strategyName, join(dir, "f")), () => Live.getReport(strategyName), "live"],
  ])(
    "%s.dump writes the report to <dir>/<name><ext>, creating the folders, and returns the path",
    async (_label, dump, report, kind) => {
      const path = await dump();
      expect(isAbsolute(path)).toBe(true);
      expect(path.endsWith(`.json`)).toBe(true);
      const text = await readFile(path, "utf8");
      expect(text).toBe(report());
      expect(JSON.parse(text).kind).toBe(kind);
      const name = kind === "walker" ? walkerName : strategyName;
      expect(path.endsWith(`${name}.json`)).toBe(true);
    },
  );

  it("replaces an existing report and leaves no temporary file", async () => {
    const target = join(dir, "g");
    await Backtest.dump(strategyName, target);
    await writeFile(join(target, `${strategyName}.json`), "stale");
    const path = await Backtest.dump(strategyName, target);
    expect(await readFile(path, "utf8")).toBe(Backtest.getReport(strategyName));
    expect(await readdir(target)).toEqual([`${strategyName}.json`]);
  });

  it("defaults to ./dump/<kind> under the working directory", async () => {
    const previous = process.cwd();
    process.chdir(dir);
    try {
      const path = await Backtest.dump(strategyName);
      expect(path).toBe(join(process.cwd(), "dump", "backtest", `${strategyName}.json`));
      expect(await Walker.dump(walkerName)).toBe(join(process.cwd(), "dump", "walker", `${walkerName}.json`));
    } finally {
      process.chdir(previous);
    }
  });

  it("fails closed, naming the path, when the file cannot be written", async () => {
    const blocker = join(dir, "blocker");
    await writeFile(blocker, "a file where a folder should be");
    let caught: unknown;
    try {
      await writeReportFile(join(blocker, "sub"), "report", ".md", "text");
    } catch (error) {
      caught = error;
    }
    expect(CandlewickError.isInstance(caught)).toBe(true);
    expect((caught as CandlewickError).code).toBe("REPORT_WRITE_FAILED");
    expect((caught as Error).message).toContain(join(blocker, "sub", "report.md"));
  });
});
