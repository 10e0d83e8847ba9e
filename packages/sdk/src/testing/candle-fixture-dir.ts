import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

/**
 * The folder of real candle files shipped with the sdk (`fixtures/`, see its README for provenance), usable as
 * `createCsvExchange({ dir: candleFixtureDir() })` or `candlewick backtest --exchange csv:<dir>`.
 */
export function candleFixtureDir(): string {
  // From src/testing/ (workspace) or from dist/ (installed): the fixtures sit at the package root.
  for (const relative of ["../../fixtures/", "../fixtures/"]) {
    const dir = fileURLToPath(new URL(relative, import.meta.url));
    if (existsSync(`${dir}README.md`)) return dir;
  }
  throw new Error("[sdk] the candle fixtures folder is missing from this @candlewick/sdk installation");
}
