import { join } from "node:path";
import { run } from "./shell.mjs";

/**
 * publint (package.json against the files in the tarball) and are-the-types-wrong (how TypeScript resolves the
 * types of each entry point) on every tarball; the first complaint throws.
 *
 * attw runs with `--profile esm-only`: every Candlewick package is ESM only (`"type": "module"`, `import`
 * conditions, Node 20+), so `require()` from CommonJS ("node16 (from CJS)": "cjs-resolves-to-esm") and the
 * pre-exports resolution of `moduleResolution: node10` (which ignores `exports`, so `@candlewick/core/internal`
 * cannot resolve there) are not supported targets. The profile keeps every check for `node16` from ESM and
 * `bundler`, which is how these packages are meant to be consumed.
 */
export function lintTarballs(repoRoot, packed) {
  const bin = (name) => join(repoRoot, "node_modules", ".bin", name);
  for (const [name, { tarball }] of packed) {
    console.log(`\n--- ${name}`);
    run(bin("publint"), ["run", tarball, "--strict"]);
    run(bin("attw"), [tarball, "--profile", "esm-only", "--format", "ascii", "--no-color"]);
  }
}
