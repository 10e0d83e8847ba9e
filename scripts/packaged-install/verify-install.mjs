import { existsSync, readFileSync } from "node:fs";
import { dirname, join, relative, sep } from "node:path";
import { run, userEnvironment } from "./shell.mjs";

/**
 * Checks that npm installed every packed package of `names` from its tarball, once, at the top of
 * `node_modules`: a copy from the registry or a nested second copy (a version range the tarballs do not satisfy)
 * would make the packaged install test something else than what the repository packed. Then `npm ls --all`
 * must report no missing or invalid dependency.
 */
export function verifyInstall(projectDir, names, packed) {
  const lock = JSON.parse(readFileSync(join(projectDir, "package-lock.json"), "utf8"));
  for (const [path, entry] of Object.entries(lock.packages)) {
    const name = path.split("node_modules/").at(-1);
    if (!packed.has(name)) continue;
    if (path !== `node_modules/${name}`) throw new Error(`npm installed a second copy of ${name} at ${path}`);
    if (!String(entry.resolved).startsWith("file:")) {
      throw new Error(`npm installed ${name} from ${entry.resolved}, not from its tarball`);
    }
  }
  for (const name of names) {
    if (lock.packages[`node_modules/${name}`] === undefined) throw new Error(`${name} is not installed`);
  }
  run("npm", ["ls", "--all"], { cwd: projectDir, env: userEnvironment(), echo: false });
}

/**
 * Node resolves bare imports by walking up from the importing file: a `node_modules` folder in any parent of the
 * project (or the project inside the repository) would let an import succeed that a user's install would fail.
 */
export function assertIsolated(projectDir, repoRoot) {
  if (!relative(repoRoot, projectDir).startsWith(".."))
    throw new Error(`${projectDir} is inside ${repoRoot}`);
  for (let dir = dirname(projectDir); ; dir = dirname(dir)) {
    if (existsSync(join(dir, "node_modules"))) {
      throw new Error(
        `${join(dir, "node_modules")} is visible from ${projectDir}; set TMPDIR to another folder`,
      );
    }
    if (dirname(dir) === dir || dir === sep) break;
  }
}
