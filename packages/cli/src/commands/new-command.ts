import { existsSync, readdirSync, readFileSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import type { CliIo } from "../cli-io.js";
import { strategyScaffold } from "../strategy-scaffold.js";
import { UsageError } from "../usage-error.js";

/** Options of `candlewick new`. */
export interface NewCommandOptions {
  /** Folder to create the package in (default: the current folder). */
  dir?: string;
  /** Version spec of the @candlewick dependencies (default: `^` the installed sdk's version). */
  candlewickVersion?: string;
}

const PACKAGE_NAME = /^(@[a-z0-9][a-z0-9._~-]*\/)?[a-z0-9][a-z0-9._~-]*$/;

/** `candlewick new <name>`: writes a strategy package (strategy, test, README, package.json) into `<dir>/<name>`. */
export async function newCommand(name: string, options: NewCommandOptions, io: CliIo): Promise<number> {
  if (!PACKAGE_NAME.test(name) || name.length > 100) {
    throw new UsageError(
      `"${name}" is not a valid package name`,
      "lower-case letters, digits, - . _ ~, optionally a scope: my-strategy or @me/my-strategy",
    );
  }
  const strategyName = name.replace(/^@[^/]+\//, "");
  const target = resolve(options.dir ?? ".", strategyName);
  if (existsSync(target) && readdirSync(target).length > 0) {
    throw new UsageError(
      `${target} exists and is not empty`,
      "choose another name or --dir, or remove the folder",
    );
  }
  const files = strategyScaffold({
    packageName: name,
    strategyName,
    candlewickVersion: options.candlewickVersion ?? `^${installedSdkVersion()}`,
  });
  for (const [path, text] of Object.entries(files)) {
    const file = join(target, path);
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, text);
  }
  io.stdout.write(
    `created ${target}\n${Object.keys(files)
      .map((path) => `  ${path}\n`)
      .join("")}next: cd ${target} && npm install && npm test\n`,
  );
  return 0;
}

/** The version of the @candlewick/sdk this CLI runs with. */
function installedSdkVersion(): string {
  const manifest = createRequire(import.meta.url).resolve("@candlewick/sdk/package.json");
  return (JSON.parse(readFileSync(manifest, "utf8")) as { version: string }).version;
}
