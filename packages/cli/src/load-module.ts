import { existsSync, statSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { UsageError } from "./usage-error.js";

let registered = false;

/**
 * Imports a user's module, TypeScript included, without a build step. tsx is registered in this process on first
 * use, with both its ESM and its CommonJS hooks (as the `tsx` command does): a `.ts` file in a folder whose
 * package.json lacks `"type": "module"` (npm's default) is CommonJS to Node, and with the ESM hook alone Node
 * loaded its untransformed source and failed with "Cannot require() ES Module … in a cycle".
 * A missing file, a folder, a file that does not compile or a missing dependency is a usage error in one line.
 */
export async function loadModule(file: string): Promise<Record<string, unknown>> {
  const path = resolve(file);
  if (!existsSync(path)) {
    throw new UsageError(`no such file: ${file}`, "pass the path of a strategy file, e.g. src/strategy.ts");
  }
  if (statSync(path).isDirectory()) {
    throw new UsageError(
      `${file} is a folder, not a strategy file`,
      "pass the file itself, e.g. src/strategy.ts",
    );
  }
  if (!registered) {
    registered = true;
    const [esm, cjs] = await Promise.all([import("tsx/esm/api"), import("tsx/cjs/api")]);
    esm.register();
    cjs.register();
  }
  try {
    return (await import(pathToFileURL(path).href)) as Record<string, unknown>;
  } catch (error) {
    throw explainLoadError(file, error);
  }
}

/** A load failure the user fixes in their files, as a usage error; anything else (their code threw) as is. */
function explainLoadError(file: string, error: unknown): unknown {
  if (!(error instanceof Error)) return error;
  const code = (error as NodeJS.ErrnoException).code;
  // esbuild (through tsx): "Transform failed with 1 error:\n<file>:<line>:<column>: ERROR: <what>"
  if (error.name === "TransformError" || error instanceof SyntaxError) {
    const detail =
      error.message.split("\n").find((line) => /:\d+:\d+: /.test(line)) ?? error.message.split("\n")[0];
    return new UsageError(
      `${file} does not compile: ${detail!.replace(" ERROR: ", " ")}`,
      "fix the syntax at that line and column",
    );
  }
  if (code === "ERR_MODULE_NOT_FOUND" || code === "MODULE_NOT_FOUND") {
    return new UsageError(
      `${file} cannot be loaded: ${error.message.split("\n")[0]}`,
      "install the missing package next to the strategy file (npm install ...)",
    );
  }
  if (code === "ERR_REQUIRE_ESM" || code === "ERR_REQUIRE_CYCLE_MODULE") {
    return new UsageError(
      `${file} cannot be loaded: ${error.message.split("\n")[0]}`,
      'add "type": "module" to the package.json next to the strategy file',
    );
  }
  return error;
}

/** {@link loadModule} for a `file:` URL, as research's trial runner passes its module (`importModule`). */
export function loadModuleUrl(url: string): Promise<Record<string, unknown>> {
  return loadModule(url.startsWith("file:") ? fileURLToPath(url) : url);
}
