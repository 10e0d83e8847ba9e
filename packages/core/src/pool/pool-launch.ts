import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { CandlewickError } from "../errors/candlewick-error.js";

/** How the pool's worker threads are started. */
export interface PoolLaunch {
  /** What each worker imports (tinypool's `filename`): the built `pool-worker.js`, or the tsx bootstrap. */
  readonly filename: string;
  readonly execArgv: readonly string[];
  /** `file:` URL of tsx's ESM API when something TypeScript must be loaded, else null. */
  readonly tsxApi: string | null;
  /** `file:` URL of the worker module (`pool-worker.js` next to the built core, `.ts` in the sources). */
  readonly entry: string;
}

/** Export condition under which the workspace resolves `@candlewick/*` to TypeScript sources. */
const SOURCE_CONDITION = "@candlewick/source";

const TYPESCRIPT = /\.(?:[cm]?ts|tsx)$/;

/**
 * The module a worker imports when TypeScript is involved (the core runs from its sources, or a module the tasks
 * name is `.ts`): it registers tsx in the thread, then re-exports the worker module's handler. A `data:` URL, so
 * nothing extra ships. `--import tsx` in `execArgv` does not reach worker threads on Node 20; `register()` from
 * `tsx/esm/api`, called inside the thread, does.
 */
function tsxBootstrap(tsxApi: string, entry: string): string {
  const code = `const { register } = await import(${JSON.stringify(tsxApi)}); register(); const worker = await import(${JSON.stringify(entry)}); export default worker.default;`;
  return `data:text/javascript,${encodeURIComponent(code)}`;
}

/**
 * Works out how to start pool workers for tasks that import `modules` (setup or runner modules, `file:` URLs):
 * the built worker module next to the built core, or (the core running from its TypeScript sources, as in the
 * workspace's tests) its `.ts` source through tsx; tsx also when a module is TypeScript. The workers get this
 * thread's `--conditions` (plus the source condition from sources), so a module's `import "@candlewick/core"`
 * reaches the same core as the worker module.
 * @throws CandlewickError `TSX_REQUIRED` when TypeScript must be loaded and tsx cannot be found.
 */
export function preparePoolLaunch(component: string, modules: readonly string[]): PoolLaunch {
  const here = import.meta.url;
  const fromSource = TYPESCRIPT.test(new URL(here).pathname);
  // In the bundle this file is part of dist/index.js, next to dist/pool-worker.js; in the sources, next to pool-worker.ts.
  const entry = new URL(fromSource ? "./pool-worker.ts" : "./pool-worker.js", here).href;
  const conditions = new Set(conditionsOf(process.execArgv));
  if (fromSource) conditions.add(SOURCE_CONDITION);
  const typescript = modules.filter((module) => TYPESCRIPT.test(new URL(module).pathname));
  let tsxApi: string | null = null;
  if (fromSource || typescript.length > 0) {
    tsxApi = findTsxApi([...modules, here, pathToFileURL(join(process.cwd(), "noop.js")).href]);
    if (tsxApi === null) {
      throw new CandlewickError(
        "TSX_REQUIRED",
        `[core] ${component}: ${typescript.length > 0 ? `the module ${typescript[0]} is TypeScript` : "the core runs from its TypeScript sources"} and worker threads cannot load TypeScript by themselves; install tsx (npm install --save-dev tsx) or use compiled JavaScript`,
        { details: { modules: [...modules] } },
      );
    }
  }
  return {
    filename: tsxApi === null ? entry : tsxBootstrap(tsxApi, entry),
    execArgv: [...conditions].map((condition) => `--conditions=${condition}`),
    tsxApi,
    entry,
  };
}

/** The `--conditions` / `-C` values among node's flags. */
function conditionsOf(execArgv: readonly string[]): string[] {
  const found: string[] = [];
  for (let i = 0; i < execArgv.length; i++) {
    const flag = execArgv[i]!;
    const inline = /^(?:--conditions|-C)=(.+)$/.exec(flag);
    if (inline !== null) found.push(inline[1]!);
    else if ((flag === "--conditions" || flag === "-C") && i + 1 < execArgv.length)
      found.push(execArgv[++i]!);
  }
  return found;
}

/** `file:` URL of `tsx/esm/api` (its ESM build) as resolved from the first base that can see tsx, or null. */
function findTsxApi(bases: readonly string[]): string | null {
  for (const base of bases) {
    try {
      const manifestPath = createRequire(base).resolve("tsx/package.json");
      const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as {
        exports?: Record<string, unknown>;
      };
      const target = esmTarget(manifest.exports?.["./esm/api"]);
      if (target !== null) return pathToFileURL(join(dirname(manifestPath), target)).href;
    } catch {
      // Not visible from this base: try the next one.
    }
  }
  return null;
}

/** The ESM file of a package.json `exports` entry. */
function esmTarget(entry: unknown): string | null {
  if (typeof entry === "string") return entry;
  if (entry === null || typeof entry !== "object") return null;
  const conditions = entry as Record<string, unknown>;
  return esmTarget(conditions.import) ?? esmTarget(conditions.default);
}
