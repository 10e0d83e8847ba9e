import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

/** The packages under `packages/` that are published (no `"private": true`), as `{ name, version, dir }`. */
export function publicPackages(repoRoot) {
  const found = [];
  for (const folder of readdirSync(join(repoRoot, "packages")).sort()) {
    const dir = join(repoRoot, "packages", folder);
    const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
    if (manifest.private === true) continue;
    found.push({ name: manifest.name, version: manifest.version, dir });
  }
  return found;
}

const INSTALLED_FIELDS = ["dependencies", "peerDependencies", "optionalDependencies"];

/**
 * The names among `packed` that installing `roots` needs: the roots, their dependencies and their required peer
 * dependencies, transitively. An optional peer (`peerDependenciesMeta[name].optional`) is left out, as npm does.
 */
export function installClosure(roots, packed) {
  const needed = new Set();
  const visit = (name) => {
    if (needed.has(name)) return;
    const entry = packed.get(name);
    if (entry === undefined) throw new Error(`${name} is needed but was not packed`);
    needed.add(name);
    for (const field of INSTALLED_FIELDS) {
      for (const dependency of Object.keys(entry.manifest[field] ?? {})) {
        const optional =
          field === "peerDependencies" && entry.manifest.peerDependenciesMeta?.[dependency]?.optional;
        if (packed.has(dependency) && !optional) visit(dependency);
      }
    }
  };
  roots.forEach(visit);
  return [...needed].sort();
}

/** Every dependency range of a packed manifest that still says `workspace:` (pnpm pack must have rewritten them). */
export function workspaceRanges(manifest) {
  const left = [];
  for (const field of [...INSTALLED_FIELDS, "devDependencies"]) {
    for (const [name, range] of Object.entries(manifest[field] ?? {})) {
      if (String(range).startsWith("workspace:")) left.push(`${field}.${name}: ${range}`);
    }
  }
  return left;
}
