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
  const readJson = (file) => JSON.parse(readFileSync(join(projectDir, file), "utf8"));
  const range = ["--exchange", "csv:./data/candles", "--from", WINDOW.FROM, "--to", WINDOW.TO];

  inProject("npx", "--no", "--", "tsc", "-p", "tsconfig.json");

  process.stdout.write(inProject("node", "api-backtest.mjs"));
  process.stdout.write(inProject("npx", "--no", "--", "tsx", "api-walker.ts"));

  const version = cli("--version").trim();
  expect(version === expectedVersion, `candlewick --version printed ${version}, expected ${expectedVersion}`);

  cli(
    "backtest",
    "strategies/ema-cross.mjs",
    "--symbol",
    "BTCUSDT",
    ...range,
    "--json",
    "--out",
    "results/ema-cross.json",
  );
  const backtest = readJson("results/ema-cross.json");
  expect(backtest.kind === "backtest", `results/ema-cross.json is a ${backtest.kind} result`);
  expect(backtest.data.tradeCount > 0, "the CLI backtest of ema-cross.mjs closed no trade");

  cli(
    "backtest",
    "strategies/rsi-reversion.ts",
    "--symbol",
    "ETHUSDT",
    ...range,
    "--out",
    "reports/rsi-reversion.md",
  );
  const report = readFileSync(join(projectDir, "reports/rsi-reversion.md"), "utf8");
  expect(report.includes("rsi-reversion"), "reports/rsi-reversion.md does not name the strategy");

  cli(
    "walker",
    "strategies/rsi-bands.ts",
    "--symbol",
    "BTCUSDT",
    ...range,
    "--json",
    "--out",
    "results/rsi-bands.json",
  );
  const walker = readJson("results/rsi-bands.json");
  expect(walker.kind === "walker", `results/rsi-bands.json is a ${walker.kind} result`);
  expect(
    walker.data.strategies.length === 2,
    `the walker file ranked ${walker.data.strategies.length} variants`,
  );
  expect(
    walker.data.strategies.every((strategy) => strategy.stats.tradeCount > 0),
    "a variant of rsi-bands.ts closed no trade",
  );

  const comparison = cli(
    "walker",
    "strategies/ema-cross.mjs",
    "strategies/rsi-reversion.ts",
    "--symbol",
    "ETHUSDT",
    ...range,
  );
  for (const name of ["ema-cross", "rsi-reversion"]) {
    expect(comparison.includes(name), `the walker of two strategy files does not report ${name}`);
  }

  cli("report", "results", "--write");
  for (const file of ["results/ema-cross.md", "results/rsi-bands.md"]) {
    expect(existsSync(join(projectDir, file)), `candlewick report --write did not write ${file}`);
  }
  console.log(
    `CLI: ema-cross.mjs ${backtest.data.tradeCount} trades; rsi-bands.ts variants ${walker.data.strategies
      .map((strategy) => `${strategy.strategyName} ${strategy.stats.tradeCount}`)
      .join(", ")}; reports written`,
  );
}
