import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

// The root README's "A strategy in twenty lines", run exactly as printed, from the repository root (its data path
// is relative to it), against the shipped candles. The file goes into a folder inside this example, so that
// `@candlewick/core` resolves through this package's dependencies as it would in a user's project.
const root = fileURLToPath(new URL("../../../", import.meta.url));
const here = fileURLToPath(new URL("../", import.meta.url));

/** The first ```ts block after the README heading. */
function readmeSnippet(): string {
  const readme = readFileSync(join(root, "README.md"), "utf8");
  const section = readme.split("\n## A strategy in twenty lines\n")[1];
  if (section === undefined) throw new Error("README.md has no '## A strategy in twenty lines' section");
  const block = /```ts\n([\s\S]*?)\n```/.exec(section);
  if (block === null) throw new Error("the twenty-lines section has no ```ts block");
  return `${block[1]}\n`;
}

const folder = mkdtempSync(join(here, ".readme-snippet-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe("README: a strategy in twenty lines", () => {
  it("makes trades and prints each one, and the statistics count the same trades", () => {
    const file = join(folder, "snippet.ts");
    writeFileSync(file, readmeSnippet());
    const run = spawnSync(process.execPath, ["--import", "tsx", "--conditions=@candlewick/source", file], {
      cwd: root,
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    // One line per trade: entry time, side, entry price, close reason, PnL.
    const trades = run.stdout
      .split("\n")
      .filter((line) =>
        /^\d{4}-\d\d-\d\dT\S+Z (long|short) [\d.]+ (take_profit|stop_loss|time_expired|end_of_data) -?[\d.]+%$/.test(
          line,
        ),
      );
    expect(trades.length).toBeGreaterThanOrEqual(1);
    const count = /tradeCount: (\d+)/.exec(run.stdout);
    expect(Number(count?.[1])).toBe(trades.length);
  });
});
