#!/usr/bin/env node
// The packaged-install test (issue 10): build, `pnpm pack` every public package, check each tarball with publint
// and are-the-types-wrong, install the tarballs with npm into new projects outside the repository (no workspace
// links), and there run JavaScript and TypeScript strategies through the API and the CLI.
//
//   node scripts/packaged-install/run.mjs [--skip-build] [--keep]
//
// --skip-build: use the packages' dist as it is; --keep: leave the temporary folders for a look afterwards.
// Exits 1 at the first thing that fails, saying what; the folders of a failed run are always kept.
import { mkdtempSync, readFileSync, realpathSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { lintTarballs } from "./lint-tarballs.mjs";
import { newProject } from "./new-project.mjs";
import { packAll } from "./pack.mjs";
import { installClosure, publicPackages } from "./packages.mjs";
import { run, userEnvironment } from "./shell.mjs";
import { smokeImports } from "./smoke-imports.mjs";
import { copyCandles, runUserScenario } from "./user-scenario.mjs";

const repoRoot = realpathSync(new URL("../..", import.meta.url).pathname);
const fixture = (name) => new URL(`./fixtures/${name}`, import.meta.url).pathname;
const flags = new Set(process.argv.slice(2));
const rootManifest = JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8"));
/** A third-party package at the range the repository itself uses, for `npm install`. */
const pinned = (name) =>
  `${name}@${rootManifest.dependencies?.[name] ?? rootManifest.devDependencies?.[name] ?? "latest"}`;

const step = (title) => console.log(`\n=== packaged install: ${title}`);
const started = Date.now();
const folders = [];

try {
  if (!flags.has("--skip-build")) {
    step("build");
    run("pnpm", ["build"], { cwd: repoRoot });
  }

  step("pnpm pack every public package");
  const tarballDir = mkdtempSync(join(realpathSync(tmpdir()), "candlewick-tarballs-"));
  folders.push(tarballDir);
  const packed = packAll(publicPackages(repoRoot), tarballDir);
  console.log(`packed ${[...packed.keys()].join(", ")} into ${tarballDir}`);

  step("publint and are-the-types-wrong on every tarball");
  lintTarballs(repoRoot, packed);

  step("a user's project: npm install the candlewick tarballs (and zod, TypeScript, tsx from the registry)");
  const userNames = installClosure(["candlewick"], packed);
  const userDir = newProject({
    repoRoot,
    label: "user",
    template: fixture("project"),
    names: userNames,
    packed,
    registryPackages: ["zod", "typescript", "tsx", "@types/node"].map(pinned),
  });
  folders.push(userDir);
  copyCandles(repoRoot, userDir);
  smokeImports(userDir, userNames, packed);

  step("the user's strategies, JavaScript and TypeScript, through the API and the CLI");
  runUserScenario(userDir, packed.get("candlewick").manifest.version);

  step("the other packages: npm install their tarballs (npm adds their peers: ccxt, ioredis, vitest)");
  const otherNames = installClosure(
    [...packed.keys()].filter((name) => !userNames.includes(name)),
    packed,
  );
  const otherDir = newProject({
    repoRoot,
    label: "adapters",
    template: fixture("adapters"),
    names: otherNames,
    packed,
  });
  folders.push(otherDir);
  // The testkit declares vitest suites: it loads only inside a vitest run, which the next command is.
  smokeImports(
    otherDir,
    otherNames.filter((name) => name !== "@candlewick/testkit"),
    packed,
  );
  process.stdout.write(
    run("npx", ["--no", "--", "vitest", "run"], { cwd: otherDir, env: userEnvironment() }),
  );

  if (!flags.has("--keep")) {
    for (const folder of folders) rmSync(folder, { recursive: true, force: true });
  }
  step(`passed in ${Math.round((Date.now() - started) / 1000)} s`);
} catch (error) {
  console.error(`\npackaged install FAILED: ${error instanceof Error ? error.message : error}`);
  console.error(`kept for a look: ${folders.join(" ")}`);
  process.exit(1);
}
