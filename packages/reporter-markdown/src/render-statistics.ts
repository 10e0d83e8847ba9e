import type { NullableStatisticName, TradeStatistics } from "@candlewick/core";
import { markdownTable } from "./markdown-table.js";
import { formatStatistic } from "./statistic-kinds.js";
import { STATISTIC_ROWS } from "./statistic-rows.js";
import type { ValueFormat } from "./value-format.js";

/** Every statistic as a two-column table; an unavailable one reads `n/a (why)`. */
export function renderStatistics(format: ValueFormat, stats: TradeStatistics): string {
  return markdownTable(
    [{ header: "Metric" }, { header: "Value", align: "right" }],
    STATISTIC_ROWS.map(({ key, label, kind }) => [
      label,
      formatStatistic(format, kind, stats[key], stats.unavailable[key as NullableStatisticName]),
    ]),
  );
}
