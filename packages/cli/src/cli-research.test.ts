import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { candleFixtureDir } from "@candlewick/sdk";
import { describe, expect, it } from "vitest";
import { runCliProcess as cli, fixture, smaCrossFile } from "./__fixtures__/spawn-cli.js";

const csv = `csv:${candleFixtureDir()}`;
const strategy = smaCrossFile;
const window = ["--from", "2025-06-02", "--to", "2025-06-08", "--exchange", csv];
const DAY = 86_400_000;

interface Trial {
  number: number;
  params: { fast: number; slow: number; stopLossPct: number };
  value: number;
  state: string;
  metrics: Record<string, number>;
}

describe("candlewick optimize / walkforward / montecarlo", () => {
  it("optimize: the same study for the same seed; its best trial is the best of its trials and matches a backtest", async () => {
    const args = [
      "optimize",
      strategy,
      "--symbol",
      "BTCUSDT",
      ...window,
      "--sampler",
      "random",
      "--trials",
      "8",
    ];
    const [first, again] = await Promise.all([
      cli(...args, "--parallel", "2", "--seed", "4", "--json"),
      cli(...args, "--parallel", "2", "--seed", "4", "--json"),
    ]);
    expect(first.code, first.stderr).toBe(0);
    const study = JSON.parse(first.stdout) as { kind: string; data: { trials: Trial[]; best: Trial } };
    expect(study.kind).toBe("optimize");
    expect(study.data.trials.map((t) => t.number)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(JSON.parse(again.stdout).data.trials).toEqual(study.data.trials);
    const feasible = study.data.trials.filter((t) => t.state === "complete");
    expect(study.data.best.value).toBe(Math.max(...feasible.map((t) => t.value)));
    // The same parameters through `candlewick backtest`: a path that shares no research code.
    const { fast, slow, stopLossPct } = study.data.best.params;
    const backtest = await cli(
      "backtest",
      strategy,
      "--symbol",
      "BTCUSDT",
      ...window,
      "--json",
      "--param",
      `fast=${fast}`,
      "--param",
      `slow=${slow}`,
      "--param",
      `stopLossPct=${stopLossPct}`,
    );
    expect(backtest.code, backtest.stderr).toBe(0);
    const data = JSON.parse(backtest.stdout).data as { totalPnl: number; tradeCount: number };
    expect(study.data.best.value).toBeCloseTo(data.totalPnl, 9);
    expect(study.data.best.metrics.tradeCount).toBe(data.tradeCount);
  }, 120_000);

  it("walkforward: rolling folds worked out by hand, out-of-sample trades inside their spans; montecarlo reads it", async () => {
    const dir = await mkdtemp(join(tmpdir(), "candlewick-wf-"));
    const out = join(dir, "wf.json");
    const run = await cli(
      "walkforward",
      strategy,
      "--symbol",
      "BTCUSDT",
      "--from",
      "2025-06-02",
      "--to",
      "2025-06-11",
      "--exchange",
      csv,
      "--in-sample",
      "3",
      "--out-of-sample",
      "2",
      "--trials",
      "4",
      "--sampler",
      "random",
      "--json",
      "--out",
      out,
    );
    expect(run.code, run.stderr).toBe(0);
    const saved = JSON.parse(await readFile(out, "utf8"));
    expect(saved.kind).toBe("walkforward");
    // 9 days: OOS 5..7, 7..9, 9..11 June (a fourth would end on the 13th)
    const june = (d: number) => Date.UTC(2025, 5, d);
    const spans = saved.data.folds.map(
      (f: { window: { inSample: object; outOfSample: object } }) => f.window,
    );
    expect(spans).toEqual([
      {
        index: 0,
        inSample: { startMs: june(2), endMs: june(5) },
        outOfSample: { startMs: june(5), endMs: june(7) },
      },
      {
        index: 1,
        inSample: { startMs: june(4), endMs: june(7) },
        outOfSample: { startMs: june(7), endMs: june(9) },
      },
      {
        index: 2,
        inSample: { startMs: june(6), endMs: june(9) },
        outOfSample: { startMs: june(9), endMs: june(11) },
      },
    ]);
    const trades = saved.data.trades as {
      closeTimestamp: number;
      signal: { pendingAt: number };
      pnl: { pnlPercentage: number };
    }[];
    expect(trades.length).toBeGreaterThan(0);
    for (const trade of trades) {
      expect(trade.signal.pendingAt).toBeGreaterThanOrEqual(june(5));
      expect(trade.closeTimestamp).toBeLessThanOrEqual(june(11) + DAY);
    }
    const montecarlo = await cli("montecarlo", out, "--method", "shuffle", "--simulations", "200", "--json");
    expect(montecarlo.code, montecarlo.stderr).toBe(0);
    const result = JSON.parse(montecarlo.stdout).data.results[0];
    // Shuffling cannot change the compounded final return: every percentile equals it.
    const compounded = (trades.reduce((e, t) => e * (1 + t.pnl.pnlPercentage / 100), 1) - 1) * 100;
    for (const p of ["p5", "p50", "p95"]) expect(result.finalReturnPct[p]).toBeCloseTo(compounded, 9);
    expect(result.tradeCount).toBe(trades.length);
  }, 120_000);

  it("has --help for each research command", async () => {
    const outcomes = await Promise.all(
      ["optimize", "walkforward", "montecarlo"].map((c) => cli(c, "--help")),
    );
    for (const [index, command] of ["optimize", "walkforward", "montecarlo"].entries()) {
      expect(outcomes[index]!.code).toBe(0);
      expect(outcomes[index]!.stdout).toContain(`Usage: candlewick ${command}`);
    }
  }, 60_000);

  it("refuses bad flags with exit 2, naming the flag", async () => {
    const base = ["optimize", strategy, "--symbol", "BTCUSDT", ...window];
    const cases: [string[], RegExp][] = [
      [[...base, "--sampler", "annealing"], /--sampler "annealing" is not one of tpe, random, grid/],
      [[...base, "--trials", "0"], /--trials "0" is not a whole number from 1/],
      [[...base, "--parallel", "two"], /--parallel "two"/],
      [[...base, "--aggregate", "max"], /--aggregate "max"/],
      [
        [
          "optimize",
          strategy,
          "--symbol",
          "BTCUSDT",
          "--from",
          "2025-06-02",
          "--to",
          "2025-06-08",
          "--exchange",
          "binance",
        ],
        /not csv:<dir>/,
      ],
      [
        [
          "walkforward",
          strategy,
          "--symbol",
          "BTCUSDT",
          ...window,
          "--in-sample",
          "5",
          "--out-of-sample",
          "3",
        ],
        /do not fit/,
      ],
      [["montecarlo", strategy], /needs --symbol, --from and --to/],
      [["montecarlo", fixture("spawn-cli.ts").replace(/\.ts$/, ".json")], /cannot be read as JSON/],
    ];
    const outcomes = await Promise.all(cases.map(([args]) => cli(...args)));
    for (const [index, outcome] of outcomes.entries()) {
      expect(outcome.code, outcome.stderr).toBe(2);
      expect(outcome.stderr).toMatch(cases[index]![1]);
      expect(outcome.stderr).not.toMatch(/^\s+at /m);
    }
  }, 120_000);
});
