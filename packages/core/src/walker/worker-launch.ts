import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { CandlewickError } from "../errors/candlewick-error.js";

/** How the walker's worker threads are started. */
export interface WorkerLaunch {
  /** The bootstrap, run with `new Worker(code, { eval: true })`. */
  readonly code: string;
  readonly execArgv: readonly string[];
  /** `file:` URL of tsx's ESM API when something TypeScript must be loaded, else null. */
  readonly tsxApi: string | null;
  /** `file:` URL of the worker module (`walker-worker.js` next to the built core, `.ts` in the sources). */
  readonly entry: string;
}

/** Export condition under which the workspace resolves `@candlewick/*` to TypeScript sources. */
const SOURCE_CONDITION = "@candlewick/source";

const TYPESCRIPT = /\.(?:[cm]?ts|tsx)$/;

/**
 * The bootstrap each worker runs (CommonJS, evaluated): registers tsx in this thread when needed, then imports
 * the worker module. `--import tsx` in `execArgv` does not reach worker threads on Node 20; `register()` from
 * `tsx/esm/api`, called inside the thread, does.
 */
const BOOTSTRAP = `
const { parentPort, workerData } = require("node:worker_threads");
(async () => {
  const boot = workerData.boot;
  if (boot.tsxApi !== null) {
    const { register } = await import(boot.tsxApi);
    register();
  }
  await import(boot.entry);
})().catch((error) => {
  parentPort.postMessage({
    type: "setup-failed",
    error: { name: String((error && error.name) || "Error"), message: String((error && error.message) || error) },
  });
});
`;

/**
 * Works out how to start walker workers for a setup module: which worker module, whether tsx is needed (the
 * setup module or the core itself is TypeScript) and where it is, and the `--conditions` the workers need so
 * that the setup module's `import "@candlewick/core"` reaches the same core as the worker module.
 * @throws CandlewickError `TSX_REQUIRED` when TypeScript must be loaded and tsx cannot be found.
 */
export function prepareWorkerLaunch(walkerName: string, setupModule: string): WorkerLaunch {
  const here = import.meta.url;
  const fromSource = TYPESCRIPT.test(new URL(here).pathname);
  const entry = new URL(fromSource ? "./walker-worker.ts" : "./walker-worker.js", here).href;
  const conditions = new Set(conditionsOf(process.execArgv));
  if (fromSource) conditions.add(SOURCE_CONDITION);
  const needsTsx = fromSource || TYPESCRIPT.test(new URL(setupModule).pathname);
  let tsxApi: string | null = null;
  if (needsTsx) {
    tsxApi = findTsxApi([setupModule, here, pathToFileURL(join(process.cwd(), "noop.js")).href]);
    if (tsxApi === null) {
      throw new CandlewickError(
        "TSX_REQUIRED",
        `[core] Walker "${walkerName}": the setup module ${setupModule} is TypeScript and worker threads cannot load TypeScript by themselves; install tsx (npm install --save-dev tsx) or point setupModule at compiled JavaScript`,
        { details: { walkerName, setupModule } },
      );
    }
  }
  return {
    code: BOOTSTRAP,
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
