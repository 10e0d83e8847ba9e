import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { candleFixtureDir } from "@candlewick/sdk";
import { describe, expect, it } from "vitest";
import { runCliProcess as cli, fixture } from "./__fixtures__/spawn-cli.js";

const csv = `csv:${candleFixtureDir()}`;
const window = ["--symbol", "BTCUSDT", "--from", "2025-06-02", "--to", "2025-06-06", "--exchange", csv];

interface SavedTrade {
  signal: { position: "long" | "short" };
  pnl: { pnlPercentage: number; priceOpen: number; priceClose: number };
}
interface Saved {
  data: { tradeCount: number; totalPnl: number; signalList: SavedTrade[]; costs?: unknown };
}

async function backtestJson(
  ...extra: string[]
): Promise<{ saved: Saved; stderr: string; code: number | null }> {
  const { code, stdout, stderr } = await cli(
    "backtest",
    fixture("rsi-reversal.ts"),
    ...window,
    "--json",
    ...extra,
  );
  return { saved: JSON.parse(stdout) as Saved, stderr, code };
}

describe("candlewick CLI: the frame's tick", () => {
  it("--tick coarser than the strategy's interval warns; the same run as the deprecated --interval, which warns too", async () => {
    const ticked = await backtestJson("--tick", "1h");
    expect(ticked.code).toBe(0);
    expect(ticked.stderr).toBe(
      "warning: --tick 1h is coarser than the 5m interval of rsi-reversal: getSignal runs once per 1h instead of once per 5m, so results differ from the default --tick 1m\n",
    );
    const old = await backtestJson("--interval", "1h");
    expect(old.code).toBe(0);
    expect(old.stderr).toMatch(
      /^warning: --interval is deprecated: it sets the frame's tick .*; use --tick\n/,
    );
    expect(old.stderr).toContain("warning: --tick 1h is coarser than the 5m interval of rsi-reversal");
    expect(old.saved.data.tradeCount).toBe(ticked.saved.data.tradeCount);
    // It does change results: asked every 5m, the strategy trades more often than asked once an hour.
    const fine = await backtestJson("--tick", "5m");
    expect(fine.stderr).toBe("");
    expect(fine.saved.data.tradeCount).toBeGreaterThan(ticked.saved.data.tradeCount);
  });
});

describe("candlewick CLI: fees, slippage and fill model", () => {
  it("--fee 0 --slippage 0: every trade's PnL is the raw price move", async () => {
    const { saved, code } = await backtestJson("--fee", "0", "--slippage", "0");
    expect(code).toBe(0);
    expect(saved.data.tradeCount).toBeGreaterThan(3);
    for (const { signal, pnl } of saved.data.signalList) {
      const move = ((pnl.priceClose - pnl.priceOpen) / pnl.priceOpen) * 100;
      expect(pnl.pnlPercentage).toBeCloseTo(signal.position === "long" ? move : -move, 9);
    }
    expect(saved.data.costs).toEqual([{ percentFee: 0, percentSlippage: 0, fillModel: "candle" }]);
  });

  it("the markdown report states the fees, slippage and fill model it was computed with", async () => {
    const given = await cli(
      "backtest",
      fixture("rsi-reversal.ts"),
      ...window,
      "--fee",
      "0.075",
      "--fill-model",
      "vwap",
    );
    expect(given.code).toBe(0);
    expect(given.stdout).toContain("- Costs: fee 0.075% and slippage 0.1% per side; fill model: vwap\n");
    const defaults = await cli("backtest", fixture("rsi-reversal.ts"), ...window);
    expect(defaults.stdout).toContain("- Costs: fee 0.1% and slippage 0.1% per side; fill model: candle\n");
  });

  it("the walker report states them too, and report renders them back from the saved JSON", async () => {
    const dir = await mkdtemp(join(tmpdir(), "candlewick-costs-"));
    const out = join(dir, "walk.json");
    const walked = await cli(
      "walker",
      fixture("rsi-walker.ts"),
      ...window,
      "--slippage",
      "0.05",
      "--json",
      "--out",
      out,
    );
    expect(walked.code).toBe(0);
    const saved = JSON.parse(await readFile(out, "utf8")) as { data: { costs: unknown } };
    expect(saved.data.costs).toEqual([{ percentFee: 0.1, percentSlippage: 0.05, fillModel: "candle" }]);
    const report = await cli("report", dir);
    expect(report.code).toBe(0);
    expect(report.stdout).toContain("- Costs: fee 0.1% and slippage 0.05% per side; fill model: candle\n");
  });

  it("--preset backtest-kit runs under core's backtestKitConfig; --fee on top of it wins", async () => {
    const preset = await backtestJson("--preset", "backtest-kit");
    expect(preset.code).toBe(0);
    // backtestKitConfig: fee and slippage 0.1% per side, the backtest-kit fill model.
    expect(preset.saved.data.costs).toEqual([
      { percentFee: 0.1, percentSlippage: 0.1, fillModel: "backtest-kit" },
    ]);
    const plain = await backtestJson();
    expect(preset.saved.data.signalList).not.toEqual(plain.saved.data.signalList);
    const cheaper = await backtestJson("--preset", "backtest-kit", "--fee", "0");
    expect(cheaper.saved.data.costs).toEqual([
      { percentFee: 0, percentSlippage: 0.1, fillModel: "backtest-kit" },
    ]);
  });

  it.each([
    [
      ["--preset", "freqtrade"],
      /^error: --preset "freqtrade" is not a known preset\nhint: pass one of: backtest-kit\n/,
    ],
    [["--fee", "abc"], /^error: --fee "abc" is not a percentage\nhint: /],
    [["--slippage", "101"], /^error: --slippage "101" is not a percentage\nhint: /],
    [["--fee", "-1"], /^error: --fee "-1" is not a percentage\nhint: /],
    [
      ["--fill-model", "best"],
      /^error: .*"fillModel" is "best"; expected one of "candle"\|"vwap".*\nhint: check the value of --fill-model\n/,
    ],
  ])("rejects %j", async (extra, message) => {
    const { code, stderr } = await cli("backtest", fixture("rsi-reversal.ts"), ...window, ...extra);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
  });

  it("live: --fee 0 --slippage 0 makes each closed event's PnL the raw price move", async () => {
    const { code, stdout } = await cli(
      "live",
      fixture("rsi-reversal.ts"),
      "--symbol",
      "BTCUSDT",
      "--exchange",
      csv,
      "--memory-state",
      "--json",
      "--fee",
      "0",
      "--slippage",
      "0",
      "--replay-from",
      "2025-06-02",
      "--replay-to",
      "2025-06-04",
    );
    expect(code).toBe(0);
    const closed = stdout
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as SavedTrade & { action: string })
      .filter((event) => event.action === "closed");
    expect(closed.length).toBeGreaterThan(0);
    for (const { signal, pnl } of closed) {
      const move = ((pnl.priceClose - pnl.priceOpen) / pnl.priceOpen) * 100;
      expect(pnl.pnlPercentage).toBeCloseTo(signal.position === "long" ? move : -move, 9);
    }
  });
});
