import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { candleFixtureDir } from "@candlewick/sdk";
import { describe, expect, it } from "vitest";
import { runCliProcess as cli, fixture } from "./__fixtures__/spawn-cli.js";

const strategy = fixture("rsi-reversal.ts");
const window = ["--from", "2025-06-02", "--to", "2025-06-06", "--exchange", `csv:${candleFixtureDir()}`];

interface Trade {
  symbol: string;
  closeTimestamp: number;
  pnl: { pnlPercentage: number; pnlCost: number };
}

/** The JSON a page embeds in `#candlewick-data`. */
function embedded(html: string): { kind: string; data: unknown } {
  const match = /<script type="application\/json" id="candlewick-data">(.*?)<\/script>/s.exec(html);
  if (match === null) throw new Error("no embedded data");
  return JSON.parse(match[1]!);
}

const byCloseThenSymbol = (a: Trade, b: Trade) =>
  a.closeTimestamp - b.closeTimestamp || a.symbol.localeCompare(b.symbol);

describe("candlewick backtest --symbol A,B", () => {
  it("backtests each symbol on its own and reports them together; --portfolio runs one account", async () => {
    const dir = await mkdtemp(join(tmpdir(), "candlewick-symbols-"));
    const [btc, eth, both, portfolio, markdown] = await Promise.all([
      cli("backtest", strategy, "--symbol", "BTCUSDT", ...window, "--json"),
      cli("backtest", strategy, "--symbol", "ETHUSDT", ...window, "--json"),
      cli(
        "backtest",
        strategy,
        "--symbol",
        "BTCUSDT,ETHUSDT",
        ...window,
        "--json",
        "--out",
        join(dir, "both.json"),
        "--html",
        join(dir, "both.html"),
      ),
      cli(
        "backtest",
        strategy,
        "--symbol",
        "BTCUSDT, ETHUSDT",
        "--portfolio",
        ...window,
        "--json",
        "--out",
        join(dir, "portfolio.json"),
        "--html",
        join(dir, "portfolio.html"),
      ),
      cli("backtest", strategy, "--symbol", "BTCUSDT,ETHUSDT", ...window),
    ]);
    for (const run of [btc, eth, both, portfolio, markdown]) expect(run.code, run.stderr).toBe(0);
    const single = [JSON.parse(btc.stdout).data, JSON.parse(eth.stdout).data];
    const saved = JSON.parse(await readFile(join(dir, "both.json"), "utf8"));
    expect(saved.kind).toBe("backtest");
    expect(saved.data.symbols).toEqual(["BTCUSDT", "ETHUSDT"]);
    // the same trades as the two one-symbol runs, and their sums
    const separate = single.flatMap((data) => data.signalList as Trade[]);
    expect(separate.filter((t) => t.symbol === "ETHUSDT").length).toBeGreaterThan(0);
    expect(separate.filter((t) => t.symbol === "BTCUSDT").length).toBeGreaterThan(0);
    expect([...(saved.data.signalList as Trade[])].sort(byCloseThenSymbol)).toEqual(
      [...separate].sort(byCloseThenSymbol),
    );
    expect(saved.data.tradeCount).toBe(single[0].tradeCount + single[1].tradeCount);
    expect(saved.data.totalPnl).toBeCloseTo(single[0].totalPnl + single[1].totalPnl, 9);
    const page = await readFile(join(dir, "both.html"), "utf8");
    expect(embedded(page)).toEqual({ kind: "backtest", data: saved.data });
    // one price chart per symbol
    expect(page.match(/"type":"candles"/g)).toHaveLength(2);
    expect(markdown.stdout).toContain("BTCUSDT");
    expect(markdown.stdout).toContain("ETHUSDT");

    const account = JSON.parse(await readFile(join(dir, "portfolio.json"), "utf8"));
    expect(account.kind).toBe("portfolio");
    expect(account.data.symbols).toEqual(["BTCUSDT", "ETHUSDT"]);
    expect(account.data.strategies).toEqual(["rsi-reversal"]);
    const trades = account.data.signalList as Trade[];
    expect(new Set(trades.map((t) => t.symbol))).toEqual(new Set(["BTCUSDT", "ETHUSDT"]));
    // one account: the final equity is the capital plus what the trades made, net of fees
    const { ledger, statistics } = account.data;
    expect(statistics.finalEquity).toBeCloseTo(ledger.initialCapital + ledger.realizedGross - ledger.fees, 6);
    const portfolioPage = await readFile(join(dir, "portfolio.html"), "utf8");
    expect(portfolioPage).toContain('data-report-kind="portfolio"');
    expect(embedded(portfolioPage)).toEqual({ kind: "portfolio", data: account.data });

    const report = await cli("report", dir, "--html");
    expect(report.code, report.stderr).toBe(0);
    expect(embedded(await readFile(join(dir, "portfolio.html"), "utf8")).data).toEqual(account.data);
    const reportMarkdown = await cli("report", dir);
    expect(reportMarkdown.code, reportMarkdown.stderr).toBe(0);
    expect(reportMarkdown.stdout).toContain("rsi-reversal");
  }, 180_000);

  it("refuses an empty or repeated symbol, naming it", async () => {
    const [empty, twice] = await Promise.all([
      cli("backtest", strategy, "--symbol", "BTCUSDT,,ETHUSDT", ...window),
      cli("backtest", strategy, "--symbol", "BTCUSDT,ETHUSDT,BTCUSDT", ...window),
    ]);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain('--symbol "BTCUSDT,,ETHUSDT" has an empty symbol');
    expect(twice.code).toBe(2);
    expect(twice.stderr).toContain("lists BTCUSDT twice");
  }, 60_000);
});
