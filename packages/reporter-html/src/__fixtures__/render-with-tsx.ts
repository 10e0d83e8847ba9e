// Renders a saved report under tsx (esbuild with keepNames, as the CLI and the examples run), for the browser
// test: node --import tsx render-with-tsx.ts <kind> <data.json> <out.html>
import { readFileSync, writeFileSync } from "node:fs";
import { createHtmlReporter } from "../html-reporter.js";

const [kind, input, output] = process.argv.slice(2);
const data = JSON.parse(readFileSync(input!, "utf8"));
const reporter = createHtmlReporter();
const html =
  kind === "portfolio"
    ? reporter.renderPortfolio(data)
    : kind === "walker"
      ? reporter.renderWalker(data)
      : kind === "optimization"
        ? reporter.renderOptimization(data)
        : kind === "montecarlo"
          ? reporter.renderMonteCarlo(data)
          : kind === "walkforward"
            ? reporter.renderWalkForward(data)
            : reporter.renderBacktest(data.backtest, { candles: data.candles });
writeFileSync(output!, html);
