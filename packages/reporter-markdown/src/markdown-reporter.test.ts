import { InvalidArgumentError } from "@candlewick/core";
import { describe, expect, it } from "vitest";
import {
  BACKTEST_DATA,
  HEAT_DATA,
  LIVE_DATA,
  PERFORMANCE_DATA,
  PORTFOLIO_DATA,
  QUIET_RISK_DATA,
  RISK_DATA,
  SCHEDULE_DATA,
  WALKER_DATA,
  WALKER_DRAWDOWN_DATA,
} from "./__fixtures__/report-data.js";
import { createMarkdownReporter } from "./markdown-reporter.js";
import { MAX_LISTED_REJECTIONS } from "./render-risk.js";

const reporter = createMarkdownReporter();

// The snapshots in __snapshots__/ are the reviewed output: any change to the rendering shows up there as a diff.
describe("createMarkdownReporter snapshots", () => {
  it("renders a backtest report", async () => {
    await expect(reporter.renderBacktest(BACKTEST_DATA)).toMatchFileSnapshot("__snapshots__/backtest.md");
  });

  it("renders a live report", async () => {
    await expect(reporter.renderLive(LIVE_DATA)).toMatchFileSnapshot("__snapshots__/live.md");
  });

  it("renders a walker comparison", async () => {
    await expect(reporter.renderWalker(WALKER_DATA)).toMatchFileSnapshot("__snapshots__/walker.md");
  });

  it("renders a walker comparison ranked by a lower-is-better metric", async () => {
    await expect(reporter.renderWalker(WALKER_DRAWDOWN_DATA)).toMatchFileSnapshot(
      "__snapshots__/walker-drawdown.md",
    );
  });

  it("renders a schedule report", async () => {
    await expect(reporter.renderSchedule(SCHEDULE_DATA)).toMatchFileSnapshot("__snapshots__/schedule.md");
  });

  it("renders a heat map", async () => {
    await expect(reporter.renderHeat(HEAT_DATA)).toMatchFileSnapshot("__snapshots__/heat.md");
  });

  it("renders a performance report", async () => {
    await expect(reporter.renderPerformance(PERFORMANCE_DATA)).toMatchFileSnapshot(
      "__snapshots__/performance.md",
    );
  });

  it("renders a risk report", async () => {
    await expect(reporter.renderRisk(RISK_DATA)).toMatchFileSnapshot("__snapshots__/risk.md");
  });

  it("renders a portfolio report", async () => {
    await expect(reporter.renderPortfolio(PORTFOLIO_DATA)).toMatchFileSnapshot("__snapshots__/portfolio.md");
  });

  it("renders with other decimals", async () => {
    const precise = createMarkdownReporter({ decimals: 4, ratioDecimals: 5, priceDecimals: 3 });
    await expect(precise.renderHeat(HEAT_DATA)).toMatchFileSnapshot("__snapshots__/heat-precise.md");
  });
});

describe("createMarkdownReporter", () => {
  it("implements the reporter contract", () => {
    expect(reporter).toMatchObject({ specificationVersion: "v1", name: "markdown", fileExtension: ".md" });
  });

  it("marks the best strategy and explains every n/a of the comparison", () => {
    const text = reporter.renderWalker(WALKER_DATA);
    expect(text).toContain("| 1 (best) | sma-fast");
    expect(text).toContain("- Best strategy: **sma-fast**");
    expect(text).toContain("- **never-trades**: no closed trades (Sharpe, Win rate, Total PnL,");
  });

  it("shows an unavailable statistic as n/a with its reason", () => {
    // one closed live trade: no standard deviation, and no losing trade
    const live = reporter.renderLive(LIVE_DATA);
    expect(live).toMatch(/\| Standard deviation of PnL +\| n\/a \(needs at least 2 trades, got 1\) \|/);
    expect(live).toMatch(/\| Average loss +\| +n\/a \(no losing trades\) \|/);
  });

  it("gives every trade its symbol", () => {
    const text = reporter.renderBacktest(BACKTEST_DATA);
    expect(text).toMatch(/\| +1 \| BTCUSDT \| long +\|/);
    expect(text).toMatch(/\| +2 \| ETHUSDT \| short +\|/);
  });

  it("says when a risk rejected nothing, and names the risk and symbol", () => {
    expect(reporter.renderRisk(QUIET_RISK_DATA)).toBe(
      "# Risk report: portfolio\n\n- Symbols: BTCUSDT\n- Rejections: 0 (backtest 0, live 0)\n\nNo rejections.\n",
    );
  });

  it("lists only the latest rejections when there are very many, and says so; the counts cover all", () => {
    const many = Array.from({ length: MAX_LISTED_REJECTIONS + 5 }, (_, n) => ({
      ...RISK_DATA.rejections[0]!,
      timestamp: RISK_DATA.rejections[0]!.timestamp + n * 60_000,
    }));
    const text = reporter.renderRisk({ ...RISK_DATA, totalRejections: many.length, rejections: many });
    expect(text).toContain(
      `- The list shows the latest ${MAX_LISTED_REJECTIONS} of ${MAX_LISTED_REJECTIONS + 5} rejections.`,
    );
    expect(text).toContain(`- Rejections: ${MAX_LISTED_REJECTIONS + 5} (backtest 3, live 1)`);
    expect(text).not.toMatch(/^\| +5 \| /m);
    expect(text).toMatch(/^\| +6 \| /m);
    expect(text).toMatch(new RegExp(`^\\| ${MAX_LISTED_REJECTIONS + 5} \\| `, "m"));
  });

  it.each([
    [{ decimals: -1 }, "decimals"],
    [{ decimals: 1.5 }, "decimals"],
    [{ ratioDecimals: 9 }, "ratioDecimals"],
    [{ priceDecimals: "2" }, "priceDecimals"],
    [{ precision: 2 }, "precision"],
  ])("rejects %j naming %s", (options, field) => {
    let caught: unknown;
    try {
      createMarkdownReporter(options as never);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(InvalidArgumentError);
    expect((caught as InvalidArgumentError).field).toBe(field);
    expect((caught as Error).message).toMatch(/^\[reporter-markdown\]/);
  });
});
