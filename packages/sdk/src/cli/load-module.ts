import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { UsageError } from "./usage-error.js";

let registered = false;

/**
 * Imports a user's module, TypeScript included: tsx's ESM loader is registered in this process on first use
 * (`tsx/esm/api`), so `.ts` strategy files load without a build step. A missing file is a usage error.
 */
export async function loadModule(file: string): Promise<Record<string, unknown>> {
  const path = resolve(file);
  if (!existsSync(path)) {
    throw new UsageError(`no such file: ${file}`, "pass the path of a strategy file, e.g. src/strategy.ts");
  }
  if (!registered) {
    registered = true;
    const { register } = await import("tsx/esm/api");
    register();
  }
  return (await import(pathToFileURL(path).href)) as Record<string, unknown>;
}
