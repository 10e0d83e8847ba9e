import { workspaceRanges } from "./packages.mjs";
import { run } from "./shell.mjs";

/**
 * `pnpm pack`s each package into `destination` and reads back the package.json inside each tarball (what npm will
 * install, not the workspace's). Returns name → `{ tarball, manifest }`.
 * @throws when a tarball's manifest still has a `workspace:` range: npm could not install it outside the repository.
 */
export function packAll(packages, destination) {
  const packed = new Map();
  for (const { name, dir } of packages) {
    const { filename } = JSON.parse(
      run("pnpm", ["pack", "--pack-destination", destination, "--json"], { cwd: dir }),
    );
    const manifest = JSON.parse(run("tar", ["-xzOf", filename, "package/package.json"], { echo: false }));
    const left = workspaceRanges(manifest);
    if (left.length > 0) throw new Error(`${filename} still has workspace ranges: ${left.join(", ")}`);
    packed.set(name, { tarball: filename, manifest });
  }
  return packed;
}
