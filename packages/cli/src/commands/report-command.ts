import { readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { type BacktestData, type PortfolioData, tradeEquityCurve, type WalkerData } from "@candlewick/core";
import { createMarkdownReporter } from "@candlewick/reporter-markdown";
import {
  type MonteCarloResult,
  monteCarloMarkdown,
  studyMarkdown,
  type TrialRecord,
  type WalkForwardResult,
  walkForwardMarkdown,
} from "@candlewick/research";
import type { z } from "zod";
import type { CliIo } from "../cli-io.js";
import { researchHtml } from "../research-html.js";
import {
  firstIssue,
  savedBacktestData,
  savedMonteCarloData,
  savedOptimizeData,
  savedPortfolioData,
  savedWalkerData,
  savedWalkForwardData,
} from "../saved-result-schema.js";
import { EXIT, UsageError } from "../usage-error.js";
import type { SavedResult } from "../write-output.js";

type SavedKind = SavedResult["kind"];

/** How each kind of saved result is checked and rendered. */
const KINDS: Record<
  SavedKind,
  {
    readonly schema: z.ZodType;
    readonly markdown: (data: never) => string;
    readonly html: (data: unknown) => Promise<string>;
  }
> = {
  backtest: {
    schema: savedBacktestData,
    markdown: (data: BacktestData) => createMarkdownReporter().renderBacktest(data),
    html: (data) => renderCoreHtml("backtest", data),
  },
  portfolio: {
    schema: savedPortfolioData,
    markdown: (data: PortfolioData) => createMarkdownReporter().renderPortfolio(data),
    html: (data) => renderCoreHtml("portfolio", data),
  },
  walker: {
    schema: savedWalkerData,
    markdown: (data: WalkerData) => createMarkdownReporter().renderWalker(data),
    html: (data) => renderCoreHtml("walker", data),
  },
  optimize: {
    schema: savedOptimizeData,
    markdown: (data: z.infer<typeof savedOptimizeData>) =>
      studyMarkdown(data.trials as unknown as TrialRecord[], data),
    html: (data) => researchHtml("optimize", data),
  },
  walkforward: {
    schema: savedWalkForwardData,
    markdown: (data: z.infer<typeof savedWalkForwardData>) =>
      walkForwardMarkdown(data as unknown as WalkForwardResult, data),
    html: (data) => researchHtml("walkforward", data),
  },
  montecarlo: {
    schema: savedMonteCarloData,
    markdown: (data: z.infer<typeof savedMonteCarloData>) =>
      monteCarloMarkdown(data.results as unknown as MonteCarloResult[], data),
    html: (data) => researchHtml("montecarlo", data),
  },
};

/**
 * `candlewick report <dir>`: renders every result saved with `--json --out <dir>/<name>.json` (a backtest,
 * portfolio, walker, optimize, walkforward or montecarlo) as markdown — to stdout, or next to each file as `<name>.md` with `--write`. Other JSON files are skipped with a note. A file
 * that is not JSON, or a result whose data has the wrong shape, is an error naming it; the other files are still
 * rendered, and the command then exits 1. With `--html`, each result is written as `<name>.html` (a
 * self-contained page with charts) instead of printed; with `--write` too, both files are written.
 */
export async function reportCommand(
  dir: string,
  options: { write?: boolean; html?: boolean },
  io: CliIo,
): Promise<number> {
  let entries: string[];
  try {
    entries = (await readdir(dir)).filter((name) => name.endsWith(".json")).sort();
  } catch {
    throw new UsageError(
      `cannot read folder ${dir}`,
      "pass a folder holding results saved with --json --out",
    );
  }
  let rendered = 0;
  let failed = 0;
  const fail = (path: string, why: string) => {
    failed++;
    io.stderr.write(`error: ${path} ${why}\n`);
  };
  for (const name of entries) {
    const path = join(dir, name);
    let saved: SavedResult;
    try {
      saved = JSON.parse(await readFile(path, "utf8")) as SavedResult;
    } catch (error) {
      fail(path, `is not JSON (${(error as Error).message.replace(/\s+/g, " ")})`);
      continue;
    }
    const kind = Object.hasOwn(KINDS, saved?.kind ?? "") ? saved.kind : undefined;
    if (kind === undefined || saved.version !== 1) {
      io.stderr.write(`skipped ${path}: not a candlewick --json result\n`);
      continue;
    }
    const checked = KINDS[kind].schema.safeParse(saved.data);
    if (!checked.success) {
      fail(path, `is not a valid ${kind} result: ${firstIssue(checked.error)}`);
      continue;
    }
    let markdown: string;
    try {
      markdown = KINDS[kind].markdown(saved.data as never);
    } catch (error) {
      fail(path, `is not a valid ${kind} result: ${(error as Error).message}`);
      continue;
    }
    rendered++;
    if (options.html) {
      const target = path.replace(/\.json$/, ".html");
      await writeFile(target, await KINDS[kind].html(saved.data));
      io.stderr.write(`wrote ${target}\n`);
      if (!options.write) continue;
    }
    if (options.write) {
      const target = path.replace(/\.json$/, ".md");
      await writeFile(target, `${markdown.trimEnd()}\n`);
      io.stderr.write(`wrote ${target}\n`);
    } else io.stdout.write(`${markdown.trimEnd()}\n\n`);
  }
  if (failed > 0) {
    io.stderr.write(`error: ${failed} of ${rendered + failed} result files could not be rendered\n`);
    return EXIT.failure;
  }
  if (rendered === 0) {
    throw new UsageError(
      `no candlewick results in ${dir}`,
      "save some with: candlewick backtest ... --json --out <dir>/run.json",
    );
  }
  return 0;
}

/** The HTML page of a saved result; a backtest saved before the equity curve was part of the data gets it here. */
async function renderCoreHtml(kind: "backtest" | "portfolio" | "walker", data: unknown): Promise<string> {
  // only for --html
  const { renderBacktestHtml, renderPortfolioHtml, renderWalkerHtml } = await import(
    "@candlewick/reporter-html"
  );
  if (kind === "walker") return renderWalkerHtml(data as WalkerData);
  if (kind === "portfolio") return renderPortfolioHtml(data as PortfolioData);
  const backtest = data as BacktestData;
  return renderBacktestHtml(
    backtest.equityCurve === undefined
      ? { ...backtest, equityCurve: tradeEquityCurve(backtest.signalList, backtest.periodStart) }
      : backtest,
  );
}
