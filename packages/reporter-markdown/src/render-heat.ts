import type { HeatData } from "@candlewick/core";
import { COMPARISON_COLUMNS } from "./comparison-columns.js";
import { markdownTable } from "./markdown-table.js";
import { renderUnavailableNotes } from "./render-unavailable-notes.js";
import { formatStatistic } from "./statistic-kinds.js";
import type { ValueFormat } from "./value-format.js";

/** Name of the portfolio row. */
const PORTFOLIO = "Portfolio (all symbols)";

/** Heat map: one row per symbol, best Sharpe first, and a last row over every trade of the strategy. */
export function renderHeat(format: ValueFormat, data: HeatData): string {
  const rows = [
    ...data.rows.map((row) => ({ name: row.symbol, stats: row })),
    { name: PORTFOLIO, stats: data.portfolio },
  ];
  const table = markdownTable(
    [
      { header: "Symbol" },
      ...COMPARISON_COLUMNS.map((column) => ({ header: column.header, align: "right" as const })),
    ],
    rows.map(({ name, stats }) => [
      name === PORTFOLIO ? `**${name}**` : name,
      ...COMPARISON_COLUMNS.map(({ key, kind }) => formatStatistic(format, kind, stats[key])),
    ]),
  );
  const notes = renderUnavailableNotes(COMPARISON_COLUMNS, rows);
  return [
    `# Heat map: ${data.strategyName}`,
    "",
    `- Symbols: ${data.symbols.join(", ")}`,
    "- Each row is the strategy's latest backtest on that symbol; the portfolio row pools every trade of every symbol in close order (not a capital-weighted portfolio).",
    "",
    table,
    "",
    ...(notes === "" ? [] : [notes, ""]),
  ].join("\n");
}
