// Adds up the per-package Vitest summaries of a `pnpm test` log into one closing line for CI:
// "tests: N passed, M failed, K skipped".
import { readFileSync } from "node:fs";
import { stripVTControlCharacters } from "node:util";

const log = stripVTControlCharacters(readFileSync(process.argv[2], "utf8"));
const totals = { passed: 0, failed: 0, skipped: 0 };
for (const line of log.split("\n")) {
  const summary = /\bTests\s+(.*\(\d+\))\s*$/.exec(line);
  if (!summary) continue;
  for (const [, count, kind] of summary[1].matchAll(/(\d+) (passed|failed|skipped)/g))
    totals[kind] += Number(count);
}
console.log(`tests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(totals.passed > 0 && totals.failed === 0 ? 0 : 1);
