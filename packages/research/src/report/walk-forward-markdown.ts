import type { WalkForwardResult } from "../walk-forward/walk-forward.js";
import { num, paramsText, pct, table, utc } from "./markdown-format.js";

/** A markdown report of a walk-forward: one row per fold, then the stitched out-of-sample record. */
export function walkForwardMarkdown(
  result: WalkForwardResult,
  info: { readonly title: string; readonly settings: readonly string[]; readonly statistic: string },
): string {
  const lines = [`# ${info.title}`, "", ...info.settings.map((line) => `- ${line}`), ""];
  lines.push(
    table(
      [
        "fold",
        "in sample",
        "out of sample",
        "best params",
        `IS ${info.statistic}`,
        "IS return (yearly)",
        `OOS ${info.statistic}`,
        "OOS trades",
        "OOS return (yearly)",
        "WFE",
      ],
      "rllrrrrrrr",
      result.folds.map((fold) => [
        String(fold.window.index),
        `${utc(fold.window.inSample.startMs)} → ${utc(fold.window.inSample.endMs)}`,
        `${utc(fold.window.outOfSample.startMs)} → ${utc(fold.window.outOfSample.endMs)}`,
        fold.best === undefined ? "none feasible" : paramsText(fold.best.params),
        num(fold.best?.value, 4),
        `${pct(fold.inSample.returnPct)} (${pct(fold.inSample.annualisedReturnPct, 1)})`,
        num(fold.outOfSample.value, 4),
        String(fold.outOfSample.trades.length),
        `${pct(fold.outOfSample.returnPct)} (${pct(fold.outOfSample.annualisedReturnPct, 1)})`,
        num(fold.efficiency, 2),
      ]),
    ),
    "",
    "## Stitched out of sample",
    "",
    table(
      [
        "trades",
        "return",
        "yearly",
        "IS yearly (mean of folds)",
        "walk-forward efficiency",
        "win rate",
        "max drawdown",
        "Sharpe (per trade)",
      ],
      "rrrrrrrr",
      [
        [
          String(result.statistics.tradeCount),
          pct(result.outOfSampleReturnPct),
          pct(result.outOfSampleAnnualisedPct, 1),
          pct(result.inSampleAnnualisedPct, 1),
          num(result.efficiency, 2),
          pct(result.statistics.winRate, 1).replace("+", ""),
          pct(result.statistics.maxDrawdown).replace("+", ""),
          num(result.statistics.sharpeRatio, 3),
        ],
      ],
    ),
    "",
    "Walk-forward efficiency (WFE) = annualised out-of-sample return / annualised in-sample return; n/a when the in-sample return is not positive.",
  );
  return lines.join("\n");
}
