import type { CliIo } from "./cli-io.js";
import { researchHtml } from "./research-html.js";
import { writeHtmlReport } from "./write-html-report.js";
import { writeOutput } from "./write-output.js";

/**
 * Writes what `optimize`, `walkforward` and `montecarlo` produce: the markdown report or (`--json`) the saved
 * result to stdout or `--out`, then the `--html` page of the same `data` when asked for.
 */
export async function writeResearchResult(
  options: { out?: string; json?: boolean; html?: string },
  kind: "optimize" | "walkforward" | "montecarlo",
  data: unknown,
  markdown: () => string,
  io: CliIo,
): Promise<void> {
  await writeOutput(options, markdown, () => ({ kind, version: 1, data }), io);
  if (options.html !== undefined) await writeHtmlReport(options.html, await researchHtml(kind, data), io);
}
