import { appendFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { createCsvExchange, createEngine } from "@candlewick/core";
import type { TrialJob, TrialJobResult, TrialJobRunner } from "@candlewick/research";
import { createStrategySchema, type StrategyDefinition } from "@candlewick/sdk";

/**
 * The runner of this package's tests and benchmarks: a real backtest of the job's strategy and params with core's
 * engine on the job's CSV candles, aggregated over its symbols. It stands in for research's `runTrialJob`, which
 * lands separately; only `mean` and `sum` aggregates are needed here.
 *
 * With `CANDLEWICK_TRIAL_LOG` set, every execution appends `start <study> <trial> <pid>` before the backtest and
 * `finish <study> <trial> <pid> <value>` after it: one `write` per line on an `O_APPEND` file, so lines of several
 * processes never interleave. The kill test counts executions from it, independently of what the queue reports.
 */
export const runBacktestTrial: TrialJobRunner = async (job) => {
  const log = process.env.CANDLEWICK_TRIAL_LOG;
  if (log !== undefined) appendFileSync(log, `start ${job.studyId} ${job.trialNumber} ${process.pid}\n`);
  const result = await backtest(job);
  if (log !== undefined) {
    appendFileSync(log, `finish ${job.studyId} ${job.trialNumber} ${process.pid} ${result.value}\n`);
  }
  return result;
};

export default runBacktestTrial;

async function backtest(job: TrialJob): Promise<TrialJobResult> {
  const module = (await import(pathToFileURL(job.strategyModule).href)) as Record<string, unknown>;
  const definition = module[job.exportName ?? "default"] as StrategyDefinition;
  const engine = createEngine({ name: `trial-${job.studyId}-${job.trialNumber}` });
  try {
    engine.addExchange(createCsvExchange({ exchangeName: "candles", dir: job.candles.dir }));
    engine.addFrame({
      frameName: "trial",
      interval: job.frame.interval as "1m",
      startDate: new Date(job.frame.startMs),
      endDate: new Date(job.frame.endMs),
    });
    const schema = createStrategySchema(definition, job.params as never, { strategyName: "trial" });
    engine.addStrategy(schema);
    const perSymbol: Record<string, number>[] = [];
    for (const symbol of job.symbols) {
      for await (const _ of engine.Backtest.run(symbol, {
        strategyName: "trial",
        exchangeName: "candles",
        frameName: "trial",
      })) {
        // trades are read back with getData
      }
      const data = engine.Backtest.getData("trial", symbol) as unknown as Record<string, unknown>;
      const numbers: Record<string, number> = {};
      for (const key of [job.objective.statistic, ...job.metrics]) {
        const value = data[key];
        numbers[key] = typeof value === "number" ? value : 0;
      }
      perSymbol.push(numbers);
    }
    const combine = (key: string) => {
      const sum = perSymbol.reduce((total, numbers) => total + numbers[key]!, 0);
      return job.objective.aggregate === "sum" ? sum : sum / perSymbol.length;
    };
    return {
      value: combine(job.objective.statistic),
      metrics: Object.fromEntries(job.metrics.map((key) => [key, combine(key)])),
    };
  } finally {
    await engine.dispose();
  }
}
