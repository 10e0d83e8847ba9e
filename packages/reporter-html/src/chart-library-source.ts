import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

let cached: string | undefined;

/**
 * The standalone build of lightweight-charts (it defines the `LightweightCharts` global), read once from the
 * installed package and inlined into every report, so a report opens from disk with no network.
 */
export function chartLibrarySource(): string {
  if (cached === undefined) {
    // The package exports only its ESM entry; its package.json is exported, and the standalone file sits in dist/.
    const manifest = createRequire(import.meta.url).resolve("lightweight-charts/package.json");
    const source = readFileSync(
      join(dirname(manifest), "dist/lightweight-charts.standalone.production.js"),
      "utf8",
    );
    // An inline script ends at the first "</script"; the build has none today, and this keeps it so.
    cached = source.replace(/<\/script/gi, "<\\/script");
  }
  return cached;
}
