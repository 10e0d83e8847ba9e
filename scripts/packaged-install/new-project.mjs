import { cpSync, mkdtempSync, realpathSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { run, userEnvironment } from "./shell.mjs";
import { assertIsolated, verifyInstall } from "./verify-install.mjs";

/**
 * A new project in a fresh temporary folder outside the repository (the fixture folder `template` copied into it),
 * where one `npm install` of the tarballs of `names`, plus `registryPackages` from the npm registry,
 * has installed Candlewick the way a user outside the repository would. Returns the project's folder.
 */
export function newProject({ repoRoot, label, template, names, packed, registryPackages = [] }) {
  const projectDir = mkdtempSync(join(realpathSync(tmpdir()), `candlewick-${label}-`));
  assertIsolated(projectDir, realpathSync(repoRoot));
  cpSync(template, projectDir, { recursive: true });
  const tarballs = names.map((name) => packed.get(name).tarball);
  run("npm", ["install", "--no-audit", "--no-fund", ...tarballs, ...registryPackages], {
    cwd: projectDir,
    env: userEnvironment(),
  });
  verifyInstall(projectDir, names, packed);
  return projectDir;
}
