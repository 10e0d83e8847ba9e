// Runs every example package's "start" script (the examples are part of CI: each must exit 0).
// An example lists what it needs beyond Node in "exampleNeeds" (its package.json). Without it, the example is
// skipped with one line saying so; in CI, where everything must run, that is a failure.
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import {
  findRedisServer,
  isCi,
  REDIS_INSTALL_HINT,
  redisServerMissingReason,
} from "./redis-availability.mjs";

/** For each need an example may list, why this machine cannot meet it and how to fix that, or `undefined`. */
const NEEDS = {
  // An example given REDIS_URL uses that server and starts none.
  "redis-server": () =>
    // biome-ignore lint/suspicious/noUndeclaredEnvVars: this script is run by node, not by a turbo task
    process.env.REDIS_URL || findRedisServer() !== undefined
      ? undefined
      : `${redisServerMissingReason()}; ${REDIS_INSTALL_HINT} or set REDIS_URL to run it`,
};

const root = new URL("..", import.meta.url).pathname;
let failed = 0;
for (const name of readdirSync(join(root, "examples"))) {
  const manifest = JSON.parse(readFileSync(join(root, "examples", name, "package.json"), "utf8"));
  const start = manifest.scripts?.start;
  if (start === undefined || manifest.scripts?.["ci:skip"]) continue;
  const unmet = (manifest.exampleNeeds ?? [])
    .map((need) => (need in NEEDS ? NEEDS[need]() : unknownNeed(need)))
    .filter(Boolean);
  if (unmet.length > 0) {
    if (isCi()) {
      console.error(`examples/${name} failed: CI is set and it cannot run: ${unmet.join("; ")}`);
      failed++;
    } else {
      console.log(`\n=== examples/${name}: skipped: ${unmet.join("; ")}`);
    }
    continue;
  }
  console.log(`\n=== examples/${name}: ${start}`);
  const result = spawnSync(start, {
    cwd: join(root, "examples", name),
    shell: true,
    stdio: "inherit",
    env: {
      ...process.env,
      PATH: `${join(root, "examples", name, "node_modules/.bin")}:${join(root, "node_modules/.bin")}:${process.env.PATH}`,
    },
  });
  if (result.status !== 0) {
    console.error(`examples/${name} failed with exit ${result.status}`);
    failed++;
  }
}
process.exit(failed === 0 ? 0 : 1);

function unknownNeed(need) {
  return `"exampleNeeds" lists ${JSON.stringify(need)}, which scripts/run-examples.mjs does not know`;
}
