import type { MonteCarloReportData, WalkForwardReportData } from "@candlewick/reporter-html";

/** `data` of a saved `optimize` result (what `candlewick optimize --json` prints). */
export interface SavedOptimizeData {
  readonly title: string;
  readonly statistic: string;
  readonly direction: "maximize" | "minimize";
  readonly trials: readonly {
    readonly number: number;
    readonly params: Readonly<Record<string, unknown>>;
    readonly value: number;
    readonly metrics?: Readonly<Record<string, number>>;
    readonly state?: string;
  }[];
}

/**
 * The HTML page of a research result, from the `data` its `--json` output holds (the command's own result, or
 * one read back by `candlewick report`). The page embeds that data as it is; an optimisation also gets the two
 * fields its page names (`studyName`, `objectiveLabel`) from the title and statistic.
 */
export async function researchHtml(
  kind: "optimize" | "walkforward" | "montecarlo",
  data: unknown,
): Promise<string> {
  // only for --html: the reporter and its inlined chart library load then
  const html = await import("@candlewick/reporter-html");
  if (kind === "walkforward") return html.renderWalkForwardHtml(data as WalkForwardReportData);
  if (kind === "montecarlo") return html.renderMonteCarloHtml(data as MonteCarloReportData);
  const study = data as SavedOptimizeData;
  return html.renderOptimizationHtml({
    ...study,
    studyName: study.title.replace(/^Optimisation of /, ""),
    objectiveLabel: study.statistic,
  });
}
