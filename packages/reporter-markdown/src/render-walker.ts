import type { WalkerData } from "@candlewick/core";
import { COMPARISON_COLUMNS } from "./comparison-columns.js";
import { markdownTable } from "./markdown-table.js";
import { renderCosts } from "./render-costs.js";
import { renderUnavailableNotes } from "./render-unavailable-notes.js";
import { formatStatistic } from "./statistic-kinds.js";
import type { ValueFormat } from "./value-format.js";

/**
 * Walker report: the strategies side by side, best first, with every metric the walker can rank by. The ranking
 * metric comes first and is marked; the best strategy is marked in the rank column.
 */
export function renderWalker(format: ValueFormat, data: WalkerData): string {
  const ranked = COMPARISON_COLUMNS.find((column) => column.key === data.metric) ?? {
    key: data.metric,
    header: data.metricLabel,
    kind: "ratio" as const,
  };
  const columns = [ranked, ...COMPARISON_COLUMNS.filter((column) => column.key !== data.metric)];
  const table = markdownTable(
    [
      { header: "Rank", align: "right" },
      { header: "Strategy" },
      ...columns.map((column) => ({
        header: column === ranked ? `${column.header} (ranked)` : column.header,
        align: "right" as const,
      })),
    ],
    data.strategies.map((row) => [
      row.strategyName === data.bestStrategy ? `${row.rank} (best)` : String(row.rank),
      row.strategyName,
      ...columns.map(({ key, kind }) => formatStatistic(format, kind, row.stats[key])),
    ]),
  );
  const best =
    data.bestStrategy === null
      ? `none: no strategy has a value for ${data.metricLabel}`
      : `**${data.bestStrategy}** (${data.metricLabel}: ${formatStatistic(format, ranked.kind, data.bestMetric)})`;
  const notes = renderUnavailableNotes(
    columns,
    data.strategies.map((row) => ({ name: row.strategyName, stats: row.stats })),
  );
  return [
    `# Walker report: ${data.walkerName}`,
    "",
    `- Symbols: ${data.symbols.join(", ")}`,
    `- Exchange: ${data.exchangeName}; frame: ${data.frameName}`,
    renderCosts(data.costs),
    `- Ranked by: ${data.metricLabel}, ${data.metricDirection} is better; a strategy without a value ranks last and never wins`,
    `- Strategies tested: ${data.strategiesTested} of ${data.totalStrategies}`,
    `- Best strategy: ${best}`,
    "",
    "## Comparison",
    "",
    table,
    "",
    ...(notes === "" ? [] : [notes, ""]),
  ].join("\n");
}
