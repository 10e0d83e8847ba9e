import { run, userEnvironment } from "./shell.mjs";

/**
 * Imports every entry point (each key of `exports` but `./package.json`) of the named packages with plain Node
 * from `projectDir`, as a user's code would, and fails on an entry point that does not load or exports nothing.
 */
export function smokeImports(projectDir, names, packed) {
  const specifiers = names.flatMap((name) =>
    Object.keys(packed.get(name).manifest.exports ?? { ".": null })
      .filter((subpath) => subpath !== "./package.json")
      .map((subpath) => `${name}${subpath.slice(1)}`),
  );
  const code = `
    for (const specifier of ${JSON.stringify(specifiers)}) {
      const exported = Object.keys(await import(specifier));
      if (exported.length === 0) throw new Error(specifier + " exports nothing");
      console.log("import " + specifier + ": " + exported.length + " exports");
    }`;
  process.stdout.write(
    run("node", ["--input-type=module", "-e", code], {
      cwd: projectDir,
      env: userEnvironment(),
      echo: false,
    }),
  );
}
