import type { PerformanceData } from "@candlewick/core";
import { markdownTable } from "./markdown-table.js";
import type { ValueFormat } from "./value-format.js";

/** Performance report: per kind of measurement, count and duration statistics in milliseconds. */
export function renderPerformance(format: ValueFormat, data: PerformanceData): string {
  const body =
    data.metrics.length === 0
      ? "No performance events."
      : markdownTable(
          [
            { header: "Metric" },
            { header: "Count", align: "right" },
            { header: "Total", align: "right" },
            { header: "Mean", align: "right" },
            { header: "Min", align: "right" },
            { header: "p50", align: "right" },
            { header: "p95", align: "right" },
            { header: "p99", align: "right" },
            { header: "Max", align: "right" },
          ],
          data.metrics.map((metric) => [
            metric.metricType,
            format.count(metric.count),
            format.milliseconds(metric.totalMs),
            format.milliseconds(metric.meanMs),
            format.milliseconds(metric.minMs),
            format.milliseconds(metric.p50Ms),
            format.milliseconds(metric.p95Ms),
            format.milliseconds(metric.p99Ms),
            format.milliseconds(metric.maxMs),
          ]),
        );
  const sampled = data.metrics.filter((metric) => metric.sampleSize < metric.count);
  return [
    `# Performance report: ${data.strategyName}`,
    "",
    `- Symbols: ${data.symbols.length > 0 ? data.symbols.join(", ") : "none"}`,
    "- Percentiles interpolate linearly between the closest ranks (rank = p/100 x (n - 1)).",
    ...sampled.map(
      (metric) =>
        `- ${metric.metricType}: percentiles over the latest ${metric.sampleSize} of ${metric.count} events.`,
    ),
    "",
    body,
    "",
  ].join("\n");
}
