import { pathToFileURL } from "node:url";
import { InvalidArgumentError } from "@candlewick/core";
import { isStrategyDefinition, type StrategyDefinition } from "@candlewick/sdk";
import type { TrialJob } from "./trial-job.js";

/** Imports a module by `file:` URL (default `import()`; the CLI passes one that registers tsx first). */
export type ImportModule = (url: string) => Promise<Record<string, unknown>>;

/**
 * The strategy definition a job names, imported once per (module, export) and then cached: a study's trials
 * all name the same one. A failed import is not cached, so the next trial reports the same error.
 */
export function strategyDefinitions(
  importModule: ImportModule,
): (job: TrialJob) => Promise<StrategyDefinition> {
  const definitions = new Map<string, Promise<StrategyDefinition>>();
  return (job) => {
    const url = moduleUrl(job.strategyModule);
    const exportName = job.exportName ?? "default";
    const key = `${url}#${exportName}`;
    let definition = definitions.get(key);
    if (definition === undefined) {
      definition = importModule(url).then((module) => {
        const exported = module[exportName];
        if (!isStrategyDefinition(exported)) {
          throw new InvalidArgumentError(
            "runTrialJob",
            "exportName",
            exportName,
            `an export of ${job.strategyModule} holding a defineStrategy result`,
          );
        }
        return exported;
      });
      definition.catch(() => definitions.delete(key));
      definitions.set(key, definition);
    }
    return definition;
  };
}

/** A job's module as a `file:` URL. */
export function moduleUrl(module: string): string {
  return module.startsWith("file:") ? module : pathToFileURL(module).href;
}
