import { parseArgs } from "node:util";
import { DATA_DIR } from "./measure-backtest.js";
import { runSymbolsInOneThread, runSymbolsInWorkers, SET } from "./parallel-symbols.js";

// Child process entry: the 3-symbol parallel measurement, JSON on stdout.
const { values } = parseArgs({
  options: { mode: { type: "string", default: "threads" }, rounds: { type: "string", default: "5" } },
});
const dir = `${DATA_DIR}${SET.dir}`;
const rounds = Number(values.rounds);
const times =
  values.mode === "workers"
    ? await runSymbolsInWorkers(dir, rounds)
    : await runSymbolsInOneThread(dir, rounds);
process.stdout.write(
  `${JSON.stringify({ mode: values.mode, times, peakRssMb: process.resourceUsage().maxRSS / 1024 })}\n`,
);
