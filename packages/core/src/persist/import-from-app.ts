import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";

/**
 * Imports an optional companion package as the application sees it. A plain `import()` resolves from core's own
 * folder, which under pnpm only sees core's declared dependencies; this falls back to resolving from the working
 * directory, so an app that installed `@candlewick/persist-fs` gets it. The package's `import` entry is used, or,
 * in a workspace that has not been built, its TypeScript source (run under a TS loader such as tsx).
 */
export async function importFromApp<T>(specifier: string): Promise<T> {
  try {
    return (await import(specifier)) as T;
  } catch (direct) {
    let manifestPath: string;
    try {
      manifestPath = createRequire(join(process.cwd(), "noop.js")).resolve(`${specifier}/package.json`);
    } catch {
      throw direct;
    }
    const root = dirname(manifestPath);
    const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as {
      exports?: { ".": Record<string, string> | string };
    };
    const entry = manifest.exports?.["."];
    const candidates =
      typeof entry === "string" ? [entry] : [entry?.import, entry?.default, entry?.["@candlewick/source"]];
    const target = candidates.find((file) => file !== undefined && existsSync(join(root, file)));
    if (target === undefined) throw direct;
    return (await import(pathToFileURL(join(root, target)).href)) as T;
  }
}
