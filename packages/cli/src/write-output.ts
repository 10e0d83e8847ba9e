import { mkdir, writeFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";

/** What `--json` prints and `candlewick report` reads back: the kind of result and core's data object. */
export interface SavedResult {
  readonly kind: "backtest" | "portfolio" | "walker" | "optimize" | "walkforward" | "montecarlo";
  readonly version: 1;
  readonly data: unknown;
}

/**
 * Writes a command's output: to `out` when given (creating its folder; the path is then printed on stderr),
 * else to stdout. `json` chooses the saved-result envelope instead of the markdown report.
 */
export async function writeOutput(
  options: { out?: string; json?: boolean },
  markdown: () => string,
  saved: () => SavedResult,
  io: { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream },
): Promise<void> {
  const text = options.json ? `${JSON.stringify(saved(), null, 2)}\n` : `${markdown().trimEnd()}\n`;
  if (options.out === undefined) {
    io.stdout.write(text);
    return;
  }
  const path = resolve(options.out);
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, text);
  io.stderr.write(`wrote ${path}\n`);
}
