import { copyFileSync, existsSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { run, userEnvironment } from "./shell.mjs";

/** Two weeks of the aligned spot-2026-03 set (data/candles/README.md): enough for every strategy here to trade. */
const WINDOW = { FROM: "2026-03-24T00:00:00Z", TO: "2026-04-07T00:00:00Z" };
const SYMBOLS = ["BTCUSDT", "ETHUSDT"];

/** Fails the run with `message` unless `condition` holds. */
function expect(condition, message) {
  if (!condition) throw new Error(`packaged install: ${message}`);
}

/** `data/candles/<SYMBOL>-1m.csv.gz` in the project: real candles copied from the repository. */
export function copyCandles(repoRoot, projectDir) {
  const target = join(projectDir, "data", "candles");
  mkdirSync(target, { recursive: true });
  for (const symbol of SYMBOLS) {
    const file = `${symbol}-1m.csv.gz`;
    copyFileSync(join(repoRoot, "data", "candles", "sets", "spot-2026-03", file), join(target, file));
  }
}

/**
 * What a user does with the installed packages: type-checks the TypeScript files against the packages'
 * declarations, runs a JavaScript and a TypeScript program on the API, and runs the CLI's backtest, walker and
 * report commands on a JavaScript and a TypeScript strategy. Every command must exit 0 and every result must have
 * trades; the report files must be written.
 */
export function runUserScenario(projectDir, expectedVersion) {
  const env = userEnvironment(WINDOW);
  const inProject = (command, ...args) => run(command, args, { cwd: projectDir, env });
  const cli = (...args) => inProject("npx", "--no", "--", "candlewick", ...args);
  /** `candlewick <command> <files> --symbol <symbol>` on the project's candles over the window, plus `output`. */
  const cliOn = (command, files, symbol, ...output) =>
    cli(
      command,
      ...files,
      "--symbol",
      symbol,
      "--exchange",
      "csv:./data/candles",
      "--from",
      WINDOW.FROM,
      "--to",
      WINDOW.TO,
      ...output,
    );
  const read = (file) => readFileSync(join(projectDir, file), "utf8");

  inProject("npx", "--no", "--", "tsc", "-p", "tsconfig.json");

  process.stdout.write(inProject("node", "api-backtest.mjs"));
  process.stdout.write(inProject("npx", "--no", "--", "tsx", "api-walker.ts"));

  const version = cli("--version").trim();
  expect(version === expectedVersion, `candlewick --version printed ${version}, expected ${expectedVersion}`);

  cliOn(
    "backtest",
    ["strategies/sma-reversion.mjs"],
    "BTCUSDT",
    "--json",
    "--out",
    "results/sma-reversion.json",
  );
  const backtest = JSON.parse(read("results/sma-reversion.json"));
  expect(backtest.kind === "backtest", `results/sma-reversion.json is a ${backtest.kind} result`);
  expect(backtest.data.tradeCount > 0, "the CLI backtest of sma-reversion.mjs closed no trade");

  cliOn("backtest", ["strategies/rsi-reversion.ts"], "ETHUSDT", "--out", "reports/rsi-reversion.md");
  expect(
    read("reports/rsi-reversion.md").includes("rsi-reversion"),
    "reports/rsi-reversion.md misses the strategy",
  );

  cliOn("walker", ["strategies/rsi-bands.ts"], "BTCUSDT", "--json", "--out", "results/rsi-bands.json");
  const walker = JSON.parse(read("results/rsi-bands.json"));
  expect(walker.kind === "walker", `results/rsi-bands.json is a ${walker.kind} result`);
  const variants = walker.data.strategies;
  expect(variants.length === 2, `the walker file ranked ${variants.length} variants, not 2`);
  expect(
    variants.every((variant) => variant.stats.tradeCount > 0),
    "a variant of rsi-bands.ts closed no trade",
  );

  const comparison = cliOn(
    "walker",
    ["strategies/sma-reversion.mjs", "strategies/rsi-reversion.ts"],
    "ETHUSDT",
  );
  for (const name of ["sma-reversion", "rsi-reversion"]) {
    expect(comparison.includes(name), `the walker of two strategy files does not report ${name}`);
  }

  cli("report", "results", "--write");
  for (const file of ["results/sma-reversion.md", "results/rsi-bands.md"]) {
    expect(existsSync(join(projectDir, file)), `candlewick report --write did not write ${file}`);
  }
  const tested = variants.map((variant) => `${variant.strategyName} ${variant.stats.tradeCount}`);
  console.log(`CLI: sma-reversion.mjs ${backtest.data.tradeCount} trades; rsi-bands.ts ${tested.join(", ")}`);
}
