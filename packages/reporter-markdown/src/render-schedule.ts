import type { CancelReason, ScheduleData, ScheduleStats } from "@candlewick/core";
import { markdownTable } from "./markdown-table.js";
import { formatStatistic } from "./statistic-kinds.js";
import type { ValueFormat } from "./value-format.js";

const CANCEL_REASONS: readonly CancelReason[] = ["timeout", "price_reject", "end_of_data", "user"];

/** Schedule report: scheduled (limit) entries per mode, their activation and cancellation, and why they were cancelled. */
export function renderSchedule(format: ValueFormat, data: ScheduleData): string {
  const modes: [string, ScheduleStats][] = [
    ["Backtest", data.backtest],
    ["Live", data.live],
  ];
  const counts = markdownTable(
    [
      { header: "Mode" },
      { header: "Scheduled", align: "right" },
      { header: "Activated", align: "right" },
      { header: "Cancelled", align: "right" },
      { header: "Pending", align: "right" },
      { header: "Activation rate", align: "right" },
      { header: "Cancellation rate", align: "right" },
      { header: "Avg wait to activation", align: "right" },
      { header: "Avg wait to cancellation", align: "right" },
      { header: "Avg wait", align: "right" },
    ],
    modes.map(([mode, stats]) => [
      mode,
      format.count(stats.scheduled),
      format.count(stats.activated),
      format.count(stats.cancelled),
      format.count(stats.pending),
      formatStatistic(format, "percent", stats.activationRate),
      formatStatistic(format, "percent", stats.cancellationRate),
      formatStatistic(format, "minutes", stats.avgActivationWaitMinutes),
      formatStatistic(format, "minutes", stats.avgCancellationWaitMinutes),
      formatStatistic(format, "minutes", stats.avgWaitMinutes),
    ]),
  );
  const reasons = markdownTable(
    [{ header: "Cancel reason" }, { header: "Backtest", align: "right" }, { header: "Live", align: "right" }],
    CANCEL_REASONS.map((reason) => [
      reason,
      format.count(data.backtest.cancelReasons[reason]),
      format.count(data.live.cancelReasons[reason]),
    ]),
  );
  return [
    `# Schedule report: ${data.strategyName}`,
    "",
    `- Symbols: ${data.symbols.length > 0 ? data.symbols.join(", ") : "none"}`,
    "- Rates count resolved signals only (activated + cancelled); n/a where none resolved. Waits run from scheduling to activation or cancellation.",
    "",
    counts,
    "",
    "## Cancellations by reason",
    "",
    reasons,
    "",
  ].join("\n");
}
