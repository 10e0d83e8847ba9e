import { readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { BacktestData, WalkerData } from "@candlewick/core";
import { createMarkdownReporter } from "@candlewick/reporter-markdown";
import type { CliIo } from "../cli-io.js";
import { UsageError } from "../usage-error.js";
import type { SavedResult } from "../write-output.js";

/**
 * `candlewick report <dir>`: renders every result saved with `--json --out <dir>/<name>.json` as markdown — to
 * stdout, or next to each file as `<name>.md` with `--write`. Other JSON files are skipped with a note.
 */
export async function reportCommand(dir: string, options: { write?: boolean }, io: CliIo): Promise<number> {
  let entries: string[];
  try {
    entries = (await readdir(dir)).filter((name) => name.endsWith(".json")).sort();
  } catch {
    throw new UsageError(
      `cannot read folder ${dir}`,
      "pass a folder holding results saved with --json --out",
    );
  }
  const reporter = createMarkdownReporter();
  let rendered = 0;
  for (const name of entries) {
    const path = join(dir, name);
    let saved: SavedResult;
    try {
      saved = JSON.parse(await readFile(path, "utf8")) as SavedResult;
    } catch (error) {
      io.stderr.write(`skipped ${path}: not JSON (${(error as Error).message})\n`);
      continue;
    }
    let markdown: string;
    if (saved?.kind === "backtest" && saved.version === 1)
      markdown = reporter.renderBacktest(saved.data as BacktestData);
    else if (saved?.kind === "walker" && saved.version === 1)
      markdown = reporter.renderWalker(saved.data as WalkerData);
    else {
      io.stderr.write(`skipped ${path}: not a candlewick --json result\n`);
      continue;
    }
    rendered++;
    if (options.write) {
      const target = path.replace(/\.json$/, ".md");
      await writeFile(target, `${markdown.trimEnd()}\n`);
      io.stderr.write(`wrote ${target}\n`);
    } else io.stdout.write(`${markdown.trimEnd()}\n\n`);
  }
  if (rendered === 0) {
    throw new UsageError(
      `no candlewick results in ${dir}`,
      "save some with: candlewick backtest ... --json --out <dir>/run.json",
    );
  }
  return 0;
}
