import type { RiskData, RiskTally } from "@candlewick/core";
import { markdownTable } from "./markdown-table.js";
import type { ValueFormat } from "./value-format.js";

/**
 * Most rejections listed one by one. A backtest can reject a signal every minute, so the list keeps the latest
 * ones; the counts above it always cover every rejection.
 */
export const MAX_LISTED_REJECTIONS = 1000;

/** Risk report: rejection counts per risk (when every risk is shown), rule, symbol and strategy, then the latest rejections. */
export function renderRisk(format: ValueFormat, data: RiskData): string {
  const title = data.riskName === null ? "every risk" : data.riskName;
  const head = [
    `# Risk report: ${title}`,
    "",
    `- Symbols: ${data.symbol ?? "all"}`,
    `- Rejections: ${format.count(data.totalRejections)} (backtest ${format.count(data.backtestRejections)}, live ${format.count(data.liveRejections)})`,
  ];
  if (data.totalRejections === 0) return [...head, "", "No rejections.", ""].join("\n");
  const listed = data.rejections.slice(-MAX_LISTED_REJECTIONS);
  const first = data.rejections.length - listed.length;
  const list = markdownTable(
    [
      { header: "#", align: "right" },
      { header: "Time" },
      { header: "Mode" },
      { header: "Risk" },
      { header: "Rule" },
      { header: "Symbol" },
      { header: "Strategy" },
      { header: "Position" },
      { header: "Entry" },
      { header: "Price", align: "right" },
      { header: "Cost", align: "right" },
      { header: "Open positions", align: "right" },
      { header: "Reason" },
    ],
    listed.map((rejection, index) => [
      format.count(first + index + 1),
      format.timestamp(rejection.timestamp),
      rejection.backtest ? "backtest" : "live",
      rejection.riskName,
      rejection.rule,
      rejection.candidate.symbol,
      rejection.candidate.strategyName,
      rejection.candidate.position,
      rejection.candidate.kind === "average_buy" ? "DCA add" : "new",
      format.price(rejection.candidate.priceOpen),
      format.price(rejection.candidate.cost),
      format.count(rejection.activePositions),
      rejection.reason,
    ]),
  );
  return [
    ...head,
    ...(first > 0
      ? [
          `- The list shows the latest ${format.count(listed.length)} of ${format.count(data.rejections.length)} rejections.`,
        ]
      : []),
    "",
    ...(data.riskName === null ? tallySection(format, "Risk", data.byRisk) : []),
    ...tallySection(format, "Rule", data.byRule),
    ...tallySection(format, "Symbol", data.bySymbol),
    ...tallySection(format, "Strategy", data.byStrategy),
    "## Rejections",
    "",
    list,
    "",
  ].join("\n");
}

function tallySection(format: ValueFormat, label: string, tallies: readonly RiskTally[]): string[] {
  const table = markdownTable(
    [{ header: label }, { header: "Rejections", align: "right" }],
    tallies.map((tally) => [tally.name, format.count(tally.count)]),
  );
  return [`## By ${label.toLowerCase()}`, "", table, ""];
}
