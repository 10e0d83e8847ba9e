import { spawnSync } from "node:child_process";

/**
 * The environment of a command run in the user's project: the caller's, minus what pnpm sets for its own scripts
 * (`npm_config_*`, `npm_package_*`, `PNPM_*`). An `npm install` that inherited them would follow pnpm's settings
 * for this repository, not a user's defaults.
 */
export function userEnvironment(extra = {}) {
  const env = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(npm_|pnpm_)/i.test(key)) continue;
    env[key] = value;
  }
  return { ...env, ...extra };
}

/**
 * Runs a command to completion and returns its stdout. A non-zero exit (or a failure to start) throws, with the
 * command, its folder and the end of its output, so that the run stops where it went wrong.
 */
export function run(command, args, { cwd, env = process.env, echo = true } = {}) {
  if (echo) console.log(`$ ${[command, ...args].join(" ")}${cwd ? `   (in ${cwd})` : ""}`);
  const result = spawnSync(command, args, { cwd, env, encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
  if (result.error) throw new Error(`${command} could not start: ${result.error.message}`);
  if (result.status !== 0) {
    const tail = `${result.stdout}\n${result.stderr}`.trim().split("\n").slice(-40).join("\n");
    throw new Error(`exit ${result.status ?? result.signal}: ${[command, ...args].join(" ")}\n${tail}`);
  }
  return result.stdout;
}
