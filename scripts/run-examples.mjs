// Runs every example package's "start" script (the examples are part of CI: each must exit 0).
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const root = new URL("..", import.meta.url).pathname;
let failed = 0;
for (const name of readdirSync(join(root, "examples"))) {
  const manifest = JSON.parse(readFileSync(join(root, "examples", name, "package.json"), "utf8"));
  const start = manifest.scripts?.start;
  if (start === undefined || manifest.scripts?.["ci:skip"]) continue;
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
