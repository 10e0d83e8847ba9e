import type { CapitalStatistics, PortfolioData, TradeBreakdownRow } from "@candlewick/core";
import { markdownTable } from "./markdown-table.js";
import { renderCosts } from "./render-costs.js";
import { renderTrades } from "./render-trades.js";
import type { ValueFormat } from "./value-format.js";

/** Most trades listed one by one; the breakdown above always covers every trade. */
export const MAX_LISTED_PORTFOLIO_TRADES = 1000;

/**
 * Portfolio report: the capital statistics of the shared account, how the final equity is made up, the
 * breakdown per symbol and per strategy (quote currency), then the latest trades.
 */
export function renderPortfolio(format: ValueFormat, data: PortfolioData): string {
  const { statistics: stats, ledger } = data;
  // Amounts of quote currency: fixed decimals, not the magnitude-dependent ones of prices.
  const quote = (value: number) => format.decimal(value);
  const orNa = (
    value: number | null,
    name: keyof CapitalStatistics["unavailable"],
    show: (v: number) => string,
  ) => (value === null ? `n/a (${stats.unavailable[name] ?? "not available"})` : show(value));
  const capital = markdownTable(
    [{ header: "Metric" }, { header: "Value", align: "right" }],
    [
      ["Initial capital", quote(stats.initialCapital)],
      ["Final equity", quote(stats.finalEquity)],
      ["Net profit", quote(stats.netProfit)],
      ["Total return", format.signedPercent(stats.totalReturnPercent)],
      ["CAGR", orNa(stats.cagrPercent, "cagrPercent", format.signedPercent)],
      ["Max drawdown", `${format.percent(stats.maxDrawdownPercent)} (${quote(stats.maxDrawdown)})`],
      ["Longest drawdown", format.minutes(stats.maxDrawdownDurationMinutes)],
      ["Sharpe (daily)", orNa(stats.sharpeRatio, "sharpeRatio", format.ratio)],
      ["Sortino (daily)", orNa(stats.sortinoRatio, "sortinoRatio", format.ratio)],
      ["Calmar", orNa(stats.calmarRatio, "calmarRatio", format.ratio)],
      ["Average exposure", orNa(stats.averageExposurePercent, "averageExposurePercent", format.percent)],
      ["Max exposure", quote(stats.maxExposure)],
      ["Max open positions", format.count(stats.maxOpenPositions)],
      ["Daily returns", format.count(stats.dailyReturnCount)],
    ],
  );
  const listed = data.signalList.slice(-MAX_LISTED_PORTFOLIO_TRADES);
  return [
    `# Portfolio report: ${data.portfolioName}`,
    "",
    `- Strategies: ${data.strategies.join(", ")}`,
    `- Symbols (${format.count(data.symbols.length)}): ${data.symbols.join(", ")}`,
    `- Exchange: ${data.exchangeName}; frame: ${data.frameName}`,
    `- Period: ${format.timestamp(data.periodStart)} → ${format.timestamp(data.periodEnd)}`,
    renderCosts([data.costs]),
    `- Entries refused (cash or risk): ${format.count(data.rejectedEntries)}`,
    "",
    "## Capital",
    "",
    capital,
    "",
    `Final cash ${quote(ledger.finalCash)} = initial capital ${quote(ledger.initialCapital)} + realised ${quote(ledger.realizedGross)} − fees ${quote(ledger.fees)}, once every position is closed.`,
    "",
    "## Per symbol",
    "",
    breakdownTable(format, "Symbol", data.breakdown.bySymbol, data.breakdown.total),
    "",
    "## Per strategy",
    "",
    breakdownTable(format, "Strategy", data.breakdown.byStrategy, data.breakdown.total),
    "",
    "## Trades",
    "",
    ...(listed.length < data.signalList.length
      ? [
          `The list shows the latest ${format.count(listed.length)} of ${format.count(data.signalList.length)} trades.`,
          "",
        ]
      : []),
    renderTrades(format, listed),
    "",
  ].join("\n");
}

function breakdownTable(
  format: ValueFormat,
  keyHeader: string,
  rows: readonly TradeBreakdownRow[],
  total: TradeBreakdownRow | null,
): string {
  if (total === null) return "No closed trades.";
  const optional = (value: number | null, show: (v: number) => string) =>
    value === null ? "n/a" : show(value);
  return markdownTable(
    [
      { header: keyHeader },
      { header: "Trades", align: "right" },
      { header: "Win rate", align: "right" },
      { header: "Net PnL", align: "right" },
      { header: "Fees", align: "right" },
      { header: "Invested", align: "right" },
      { header: "Return on invested", align: "right" },
      { header: "Share of net PnL", align: "right" },
      { header: "Best", align: "right" },
      { header: "Worst", align: "right" },
    ],
    [...rows, total].map((row) => [
      row.key === "*" ? "**all**" : row.key,
      format.count(row.trades),
      optional(row.winRate, format.percent),
      format.decimal(row.netPnl),
      format.decimal(row.fees),
      format.decimal(row.invested),
      optional(row.returnOnInvestedPercent, format.signedPercent),
      optional(row.shareOfNetPnlPercent, format.percent),
      format.decimal(row.bestTrade),
      format.decimal(row.worstTrade),
    ]),
  );
}
