// Each report kind, built from real backtests on the repository's candles, opened from disk in headless
// chromium: no console error, no request, every chart drawn, and the figures shown equal the data.
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { ClosedResult } from "@candlewick/core";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  drawnPixelsPerChart,
  findChromium,
  isCi,
  shownColumn,
  shownNumber,
  shownTexts,
  watchPage,
} from "./browser.test-helpers.js";
import { createHtmlReporter } from "./html-reporter.js";
import type { ReportKind } from "./page-layout.js";
import { buildReportFixtures, type ReportFixtures } from "./report-fixtures.test-helpers.js";

/** Gitignored: the rendered files and their screenshots, kept for a look after the run. */
const OUT = fileURLToPath(new URL("../test-output/", import.meta.url));
const chromiumPath = findChromium();

if (chromiumPath === undefined) {
  if (isCi()) {
    it("finds chromium (required in CI: apt-get install --no-install-recommends chromium)", () => {
      throw new Error(
        "chromium is not installed at /usr/bin/chromium (set CANDLEWICK_CHROMIUM to another path)",
      );
    });
  } else {
    console.log(
      "reporter-html browser test skipped: no chromium at /usr/bin/chromium (apt-get install chromium, or set CANDLEWICK_CHROMIUM)",
    );
  }
}

/** Σ of `pnl` over trades, Π(1 + p/100) − 1 and the win rate, computed here from the trades themselves. */
function tradeFigures(trades: readonly ClosedResult[]) {
  const pnls = trades.map((trade) => trade.pnl.pnlPercentage);
  const wins = pnls.filter((p) => p > 0).length;
  const losses = pnls.filter((p) => p < 0).length;
  return {
    count: trades.length,
    total: pnls.reduce((sum, p) => sum + p, 0),
    compounded: (pnls.reduce((equity, p) => equity * Math.max(1 + p / 100, 0), 1) - 1) * 100,
    winRate: (wins / (wins + losses)) * 100,
  };
}

describe.skipIf(chromiumPath === undefined)("HTML reports in headless chromium", () => {
  let fixtures: ReportFixtures;
  let browser: Browser;
  const files: Partial<Record<ReportKind | "tsx", string>> = {};
  let tsxMonteCarlo = "";

  beforeAll(async () => {
    fixtures = await buildReportFixtures();
    mkdirSync(OUT, { recursive: true });
    const reporter = createHtmlReporter();
    const pages: Record<ReportKind, string> = {
      backtest: reporter.renderBacktest(fixtures.backtest, { candles: fixtures.candles }),
      portfolio: reporter.renderPortfolio(fixtures.portfolio),
      walker: reporter.renderWalker(fixtures.walker),
      live: reporter.renderLive(fixtures.live),
      optimization: reporter.renderOptimization(fixtures.optimization),
      walkforward: reporter.renderWalkForward(fixtures.walkForward),
      montecarlo: reporter.renderMonteCarlo(fixtures.monteCarlo),
    };
    for (const [kind, html] of Object.entries(pages)) {
      const file = join(OUT, `${kind}.html`);
      writeFileSync(file, html);
      files[kind as ReportKind] = file;
    }
    // The same pages compiled by tsx (esbuild keepNames), as the CLI and the examples render them.
    const saved = join(OUT, "portfolio-data.json");
    writeFileSync(saved, JSON.stringify(fixtures.portfolio));
    files.tsx = join(OUT, "portfolio-tsx.html");
    execFileSync(process.execPath, [
      "--import",
      "tsx",
      "--conditions=@candlewick/source",
      fileURLToPath(new URL("./__fixtures__/render-with-tsx.ts", import.meta.url)),
      "portfolio",
      saved,
      files.tsx,
    ]);
    // and a page of the canvas-drawn kinds (bands, histograms), whose drawing functions tsx wraps too
    const savedMonteCarlo = join(OUT, "montecarlo-data.json");
    writeFileSync(savedMonteCarlo, JSON.stringify(fixtures.monteCarlo));
    tsxMonteCarlo = join(OUT, "montecarlo-tsx.html");
    execFileSync(process.execPath, [
      "--import",
      "tsx",
      "--conditions=@candlewick/source",
      fileURLToPath(new URL("./__fixtures__/render-with-tsx.ts", import.meta.url)),
      "montecarlo",
      savedMonteCarlo,
      tsxMonteCarlo,
    ]);
    browser = await chromium.launch({ executablePath: chromiumPath });
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
  });

  /** Opens a report from disk, waits for every chart, checks the page is clean and drawn, saves screenshots. */
  async function open(kind: ReportKind, file = files[kind]!): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const problems = watchPage(page);
    await page.goto(`file://${file}`);
    await page.waitForFunction(
      () =>
        [...document.querySelectorAll("[data-chart]")].every(
          (figure) => figure.getAttribute("data-drawn") === "true",
        ),
      null,
      { timeout: 20_000 },
    );
    const name = file.replace(/^.*\//, "").replace(/\.html$/, "");
    await page.screenshot({ path: join(OUT, `${name}.png`) });
    await page.screenshot({ path: join(OUT, `${name}-full.png`), fullPage: true });
    expect(problems).toEqual([]);
    expect(await page.getAttribute("body", "data-report-kind")).toBe(kind);
    const drawn = await drawnPixelsPerChart(page);
    expect(Object.keys(drawn).length).toBeGreaterThan(0);
    for (const [chart, pixels] of Object.entries(drawn)) {
      expect(pixels, `chart ${chart} has drawn`).toBeGreaterThan(100);
    }
    // the embedded data is the report data, intact
    const embedded = await page.evaluate(() =>
      JSON.parse(document.getElementById("candlewick-data")!.textContent!),
    );
    expect(embedded.kind).toBe(kind);
    return page;
  }

  it("backtest: summary, per-symbol breakdown, monthly returns and trade table match the trades", async () => {
    const page = await open("backtest");
    const data = fixtures.backtest;
    const all = tradeFigures(data.signalList);
    expect(all.count).toBeGreaterThan(10);
    expect(await shownNumber(page, '[data-stat="tradeCount"]')).toBe(all.count);
    expect(await shownNumber(page, '[data-stat="totalPnl"]')).toBeCloseTo(all.total, 2);
    expect(await shownNumber(page, '[data-stat="compoundedReturn"]')).toBeCloseTo(all.compounded, 2);
    expect(await shownNumber(page, '[data-stat="winRate"]')).toBeCloseTo(all.winRate, 2);
    // max drawdown walked here: the peak-to-trough fall of the compounded equity, troughs within trades included
    let equity = 1;
    let peak = 1;
    let fall = 0;
    for (const trade of data.signalList) {
      fall = Math.max(fall, (peak - equity * (1 + trade.pnl.troughPercentage / 100)) / peak);
      equity *= 1 + trade.pnl.pnlPercentage / 100;
      peak = Math.max(peak, equity);
      fall = Math.max(fall, (peak - equity) / peak);
    }
    expect(await shownNumber(page, '[data-stat="maxDrawdown"]')).toBeCloseTo(fall * 100, 2);
    // one price chart per symbol, each with an entry and a final exit per trade, plus partial exits
    const partialExits = data.signalList.reduce((sum, t) => sum + Math.max(t.signal.exits.length - 1, 0), 0);
    expect(partialExits).toBeGreaterThan(0);
    expect(await page.locator('[data-chart^="price-"]').count()).toBe(data.symbols.length);
    expect(await shownColumn(page, "trades", "pnl")).toEqual(
      data.signalList.map((t) => +t.pnl.pnlPercentage.toFixed(2)),
    );
    expect(await shownTexts(page, "trades", "symbol")).toEqual(data.signalList.map((t) => t.symbol));
    for (const [row, symbol] of data.symbols.entries()) {
      const mine = tradeFigures(data.signalList.filter((t) => t.symbol === symbol));
      expect((await shownColumn(page, "symbols", "trades"))[row]).toBe(mine.count);
      expect((await shownColumn(page, "symbols", "totalPnl"))[row]).toBeCloseTo(mine.total, 2);
    }
    const months = new Map<string, ClosedResult[]>();
    for (const t of data.signalList) {
      const month = new Date(t.closeTimestamp).toISOString().slice(0, 7);
      months.set(month, [...(months.get(month) ?? []), t]);
    }
    for (const [month, trades] of months) {
      expect(await shownNumber(page, `[data-month="${month}"]`)).toBeCloseTo(
        tradeFigures(trades).compounded,
        2,
      );
    }
    await page.close();
  });

  it("portfolio: capital figures balance and each symbol's contribution is the sum of its trades", async () => {
    const page = await open("portfolio");
    const data = fixtures.portfolio;
    const { ledger } = data;
    expect(await shownNumber(page, '[data-stat="finalEquity"]')).toBeCloseTo(
      ledger.initialCapital + ledger.realizedGross - ledger.fees,
      1,
    );
    expect(await shownNumber(page, '[data-stat="tradeCount"]')).toBe(data.signalList.length);
    const keys = await shownTexts(page, "by-symbol", "key");
    const net = await shownColumn(page, "by-symbol", "netPnl");
    expect(keys.length).toBeGreaterThan(0);
    for (const [row, symbol] of keys.entries()) {
      const sum = data.signalList.filter((t) => t.symbol === symbol).reduce((s, t) => s + t.pnl.pnlCost, 0);
      expect(net[row]).toBeCloseTo(sum, 1);
    }
    await page.close();
  });

  it("walker: ranked best first by the metric, with each strategy's value", async () => {
    const page = await open("walker");
    const data = fixtures.walker;
    const names = await shownTexts(page, "ranking", "strategyName");
    const values = await shownColumn(page, "ranking", "metricValue");
    expect(names).toHaveLength(data.totalStrategies);
    // the metric is totalPnl: higher is better, so the values shown must not increase down the table
    for (let i = 1; i < values.length; i++) expect(values[i]!).toBeLessThanOrEqual(values[i - 1]!);
    for (const [row, name] of names.entries()) {
      const result = data.strategies.find((s) => s.strategyName === name)!;
      expect(values[row]).toBeCloseTo(result.stats.totalPnl!, 3);
    }
    await page.close();
  });

  it("live (a real paper run on a replay): the state counts the events, the trades so far are the closed ones", async () => {
    const page = await open("live");
    const data = fixtures.live;
    const closed = data.events.filter((e): e is ClosedResult => e.action === "closed");
    // a signal is still open or waiting when none of its events closed or cancelled it
    const ended = new Set(
      data.events.filter((e) => e.action === "closed" || e.action === "cancelled").map((e) => e.signal.id),
    );
    const stillOpen = new Set(data.events.map((e) => e.signal.id).filter((id) => !ended.has(id)));
    expect(closed.length).toBeGreaterThan(3);
    expect(stillOpen.size).toBeGreaterThan(0);
    expect(await shownNumber(page, '[data-stat="totalEvents"]')).toBe(data.events.length);
    expect(await shownNumber(page, '[data-stat="opened"]')).toBe(
      data.events.filter((e) => e.action === "opened").length,
    );
    expect(await shownNumber(page, '[data-stat="closed"]')).toBe(closed.length);
    expect(await shownNumber(page, '[data-stat="openNow"]')).toBe(stillOpen.size);
    expect(await page.locator('[data-table="open"] tbody tr').count()).toBe(stillOpen.size);
    expect(await shownNumber(page, '[data-stat="totalPnl"]')).toBeCloseTo(tradeFigures(closed).total, 2);
    expect(await shownNumber(page, '[data-stat="winRate"]')).toBeCloseTo(tradeFigures(closed).winRate, 2);
    expect(await shownColumn(page, "trades", "pnl")).toEqual(
      closed.map((t) => +t.pnl.pnlPercentage.toFixed(2)),
    );
    // every event happened within the replayed span (2026-04-01 00:00 to 04-03 07:00)
    for (const event of data.events) {
      expect(event.timestamp).toBeGreaterThanOrEqual(Date.UTC(2026, 3, 1));
      expect(event.timestamp).toBeLessThanOrEqual(Date.UTC(2026, 3, 3, 7));
      expect(event.backtest).toBe(false);
    }
    await page.close();
  });

  it("walk-forward: each fold's out-of-sample return and WFE, and the stitched record, recomputed from the trades", async () => {
    const page = await open("walkforward");
    const data = fixtures.walkForward;
    const year = 365 * 86_400_000;
    const compound = (trades: readonly ClosedResult[]) =>
      (trades.reduce((equity, t) => equity * (1 + t.pnl.pnlPercentage / 100), 1) - 1) * 100;
    const yearly = (pct: number, ms: number) => ((1 + pct / 100) ** (year / ms) - 1) * 100;
    expect(data.folds.length).toBe(3);
    expect(await shownColumn(page, "folds", "oosTrades")).toEqual(
      data.folds.map((f) => f.outOfSample.trades.length),
    );
    const shownReturns = await shownColumn(page, "folds", "oosReturn");
    const shownWfe = await shownTexts(page, "folds", "efficiency");
    const inRates: number[] = [];
    for (const [row, fold] of data.folds.entries()) {
      const { inSample, outOfSample } = fold.window;
      const oos = compound(fold.outOfSample.trades);
      expect(shownReturns[row]).toBeCloseTo(oos, 2);
      const inRate = yearly(fold.inSample.returnPct, inSample.endMs - inSample.startMs);
      inRates.push(inRate);
      const wfe = yearly(oos, outOfSample.endMs - outOfSample.startMs) / inRate;
      if (inRate > 0) expect(Number(shownWfe[row])).toBeCloseTo(wfe, 3);
      else expect(shownWfe[row]).toBe("n/a");
      // both cases occur: fold 0 lost in sample (n/a), folds 1 and 2 did not
      expect(Number.isNaN(Number(shownWfe[row])), `fold ${row} WFE ${shownWfe[row]}`).toBe(row === 0);
    }
    const all = data.folds.flatMap((f) => f.outOfSample.trades);
    expect(await shownNumber(page, '[data-stat="tradeCount"]')).toBe(all.length);
    const stitched = compound(all);
    expect(await shownNumber(page, '[data-stat="outOfSampleReturnPct"]')).toBeCloseTo(stitched, 2);
    const span = data.folds.at(-1)!.window.outOfSample.endMs - data.folds[0]!.window.outOfSample.startMs;
    const meanIn = inRates.reduce((a, b) => a + b, 0) / inRates.length;
    const efficiency = await page.locator('[data-stat="efficiency"]').textContent();
    // the mean in-sample rate is positive here, so the stitched WFE is a number
    expect(meanIn).toBeGreaterThan(0);
    expect(Number(efficiency)).toBeCloseTo(yearly(stitched, span) / meanIn, 3);
    expect(await page.locator('[data-table="trades"] tbody tr').count()).toBe(all.length);
    await page.close();
  });

  it("Monte Carlo: the actual path's figures walked by hand, the percentiles as computed, every simulation counted", async () => {
    const page = await open("montecarlo");
    const data = fixtures.monteCarlo;
    const returns = data.returnsPct!;
    let equity = 1;
    let peak = 1;
    let fall = 0;
    let streak = 0;
    let longest = 0;
    for (const r of returns) {
      equity *= 1 + r / 100;
      peak = Math.max(peak, equity);
      fall = Math.max(fall, (peak - equity) / peak);
      streak = r < 0 ? streak + 1 : 0;
      longest = Math.max(longest, streak);
    }
    const actual = await shownColumn(page, "percentiles", "actual");
    const methods = await shownTexts(page, "percentiles", "method");
    expect(methods).toEqual([
      "shuffle × 2000",
      "shuffle × 2000",
      "shuffle × 2000",
      "bootstrap × 2000",
      "bootstrap × 2000",
      "bootstrap × 2000",
    ]);
    for (const offset of [0, 3]) {
      expect(actual[offset]).toBeCloseTo((equity - 1) * 100, 2);
      expect(actual[offset + 1]).toBeCloseTo(fall * 100, 2);
      expect(actual[offset + 2]).toBe(longest);
    }
    // a shuffle keeps the trades, so every simulated final return is the actual one
    const p50 = await shownColumn(page, "percentiles", "p50");
    expect(p50[0]).toBeCloseTo((equity - 1) * 100, 2);
    for (const q of ["p5", "p25", "p50", "p75", "p95"] as const) {
      const shown = await shownColumn(page, "percentiles", q);
      const expected = data.results.flatMap((r) => [
        r.finalReturnPct[q],
        r.maxDrawdownPct[q],
        r.longestLosingStreak[q],
      ]);
      for (const [row, value] of expected.entries()) expect(shown[row]).toBeCloseTo(value, 2);
    }
    const charts = await page.evaluate(() =>
      JSON.parse(document.getElementById("candlewick-charts")!.textContent!),
    );
    const histograms = charts.filter((c: { type: string }) => c.type === "histogram");
    expect(histograms).toHaveLength(6);
    for (const h of histograms) expect(h.counts.reduce((a: number, b: number) => a + b, 0)).toBe(2000);
    const bands = charts.filter((c: { type: string }) => c.type === "bands");
    expect(bands).toHaveLength(2);
    expect(bands[0].xs.at(-1)).toBe(returns.length);
    expect(bands[0].lines[1].values.at(-1)).toBeCloseTo((equity - 1) * 100, 8);
    await page.close();
  });

  it("optimisation: the best feasible trial ranks first; one scatter per parameter and a heat map", async () => {
    const page = await open("optimization");
    const { trials } = fixtures.optimization;
    const feasible = trials.filter((t) => t.state === "complete");
    const best = feasible.reduce((a, b) => (b.value > a.value ? b : a));
    expect((await shownColumn(page, "trials", "number"))[0]).toBe(best.number);
    expect((await shownColumn(page, "trials", "value"))[0]).toBeCloseTo(best.value, 3);
    expect(await page.locator('[data-table="trials"] tbody tr').count()).toBe(trials.length);
    expect(await page.locator('[data-chart^="scatter-"]').count()).toBe(
      Object.keys(trials[0]!.params).length,
    );
    expect(await page.locator('[data-chart="heatmap"]').count()).toBe(1);
    await page.close();
  });

  it("a page rendered under tsx (how the CLI and the examples run) draws every chart as well", async () => {
    const page = await open("portfolio", files.tsx!);
    await page.close();
    const monteCarlo = await open("montecarlo", tsxMonteCarlo);
    expect(await monteCarlo.locator('[data-chart^="hist-"]').count()).toBe(6);
    await monteCarlo.close();
  });
});
