import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { candleFixtureDir } from "@candlewick/sdk";
import { describe, expect, it } from "vitest";
import { runCliProcess as cli, fixture, smaCrossFile } from "./__fixtures__/spawn-cli.js";

const window = [
  "--symbol",
  "BTCUSDT",
  "--from",
  "2025-06-02",
  "--to",
  "2025-06-06",
  "--exchange",
  `csv:${candleFixtureDir()}`,
];

/** The JSON a page embeds in `#candlewick-data`, read back from the file. */
// biome-ignore lint/suspicious/noExplicitAny: the pages' data is compared whole with the saved JSON
function embedded(html: string): { kind: string; data: any } {
  const match = /<script type="application\/json" id="candlewick-data">(.*?)<\/script>/s.exec(html);
  if (match === null) throw new Error("no embedded data");
  return JSON.parse(match[1]!);
}

describe("--html", () => {
  it("backtest and walker write a self-contained page; report --html renders the saved JSON", async () => {
    const dir = await mkdtemp(join(tmpdir(), "candlewick-html-"));
    const backtest = await cli(
      "backtest",
      fixture("rsi-reversal.ts"),
      ...window,
      "--json",
      "--out",
      join(dir, "run.json"),
      "--html",
      join(dir, "direct.html"),
    );
    expect(backtest.stderr).toContain(`wrote ${join(dir, "direct.html")}`);
    expect(backtest.code).toBe(0);
    const saved = JSON.parse(await readFile(join(dir, "run.json"), "utf8"));
    const page = await readFile(join(dir, "direct.html"), "utf8");
    expect(page).toContain('data-report-kind="backtest"');
    expect(embedded(page).data.tradeCount).toBe(saved.data.tradeCount);
    // the run's candles are on the page: one price chart, with the symbol's trades on it
    expect(page).toContain('"type":"candles"');
    expect(page).not.toMatch(/<script[^>]+src=/);

    const walker = await cli("walker", fixture("rsi-walker.ts"), ...window, "--html", join(dir, "walk.html"));
    expect(walker.code).toBe(0);
    expect(embedded(await readFile(join(dir, "walk.html"), "utf8")).kind).toBe("walker");

    const report = await cli("report", dir, "--html");
    expect(report.code).toBe(0);
    expect(report.stdout).toBe("");
    const rendered = await readFile(join(dir, "run.html"), "utf8");
    expect(embedded(rendered).data.tradeCount).toBe(saved.data.tradeCount);
  }, 120_000);

  it("optimize, walkforward and montecarlo write a page embedding their --json data; report renders the saved JSON", async () => {
    const dir = await mkdtemp(join(tmpdir(), "candlewick-html-research-"));
    const strategy = smaCrossFile;
    const study = ["--symbol", "BTCUSDT", "--exchange", `csv:${candleFixtureDir()}`, "--sampler", "random"];
    const [optimize, walkforward] = await Promise.all([
      cli(
        "optimize",
        strategy,
        ...study,
        "--from",
        "2025-06-02",
        "--to",
        "2025-06-08",
        "--trials",
        "4",
        "--json",
        "--out",
        join(dir, "opt.json"),
        "--html",
        join(dir, "direct-opt.html"),
      ),
      cli(
        "walkforward",
        strategy,
        ...study,
        "--from",
        "2025-06-02",
        "--to",
        "2025-06-11",
        "--in-sample",
        "3",
        "--out-of-sample",
        "2",
        "--trials",
        "3",
        "--json",
        "--out",
        join(dir, "wf.json"),
        "--html",
        join(dir, "direct-wf.html"),
      ),
    ]);
    expect(optimize.code, optimize.stderr).toBe(0);
    expect(walkforward.code, walkforward.stderr).toBe(0);
    const montecarlo = await cli(
      "montecarlo",
      join(dir, "wf.json"),
      "--simulations",
      "300",
      "--json",
      "--out",
      join(dir, "mc.json"),
      "--html",
      join(dir, "direct-mc.html"),
    );
    expect(montecarlo.code, montecarlo.stderr).toBe(0);
    expect(montecarlo.stderr).toContain(`wrote ${join(dir, "direct-mc.html")}`);

    const read = async (name: string) => readFile(join(dir, name), "utf8");
    const saved = {
      opt: JSON.parse(await read("opt.json")),
      wf: JSON.parse(await read("wf.json")),
      mc: JSON.parse(await read("mc.json")),
    };
    /** The page is self-contained and embeds the saved data (an optimisation adds the two names its page shows). */
    const expectPage = (html: string, kind: string, data: object) => {
      expect(html).toContain(`data-report-kind="${kind}"`);
      expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+href=/i);
      expect(embedded(html).data).toEqual(data);
    };
    const optimizationData = {
      ...saved.opt.data,
      studyName: "sma-cross",
      objectiveLabel: "totalPnl",
    };
    expect(saved.opt.data.title).toBe("Optimisation of sma-cross");
    expectPage(await read("direct-opt.html"), "optimization", optimizationData);
    expectPage(await read("direct-wf.html"), "walkforward", saved.wf.data);
    expectPage(await read("direct-mc.html"), "montecarlo", saved.mc.data);
    // the Monte Carlo JSON has the charts' distributions, each counting every simulation
    expect(saved.mc.data.distributions).toHaveLength(2);
    for (const distribution of saved.mc.data.distributions) {
      const counts = distribution.finalReturnPct.counts as number[];
      expect(counts.reduce((a, b) => a + b, 0)).toBe(300);
    }

    const markdown = await cli("report", dir);
    expect(markdown.code, markdown.stderr).toBe(0);
    expect(markdown.stdout).toContain("# Optimisation of sma-cross");
    expect(markdown.stdout).toContain("# Walk-forward of sma-cross");
    expect(markdown.stdout).toContain("# Monte Carlo of wf.json (saved walkforward)");
    const html = await cli("report", dir, "--html");
    expect(html.code, html.stderr).toBe(0);
    expectPage(await read("opt.html"), "optimization", optimizationData);
    expectPage(await read("wf.html"), "walkforward", saved.wf.data);
    expectPage(await read("mc.html"), "montecarlo", saved.mc.data);

    // a walk-forward of the wrong shape is an error naming the field; the other results are still rendered
    const mixed = await mkdtemp(join(tmpdir(), "candlewick-html-mixed-"));
    await writeFile(join(mixed, "mc.json"), JSON.stringify(saved.mc));
    await writeFile(
      join(mixed, "bad.json"),
      JSON.stringify({ kind: "walkforward", version: 1, data: { ...saved.wf.data, folds: "none" } }),
    );
    const partly = await cli("report", mixed);
    expect(partly.code).toBe(1);
    expect(partly.stderr).toContain(
      `${join(mixed, "bad.json")} is not a valid walkforward result: data.folds:`,
    );
    expect(partly.stdout).toContain("# Monte Carlo of wf.json");
  }, 180_000);
});
