import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const main = fileURLToPath(new URL("../main.ts", import.meta.url));

/** How a CLI run ended. */
export interface CliOutcome {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Starts the CLI from source in a child process. Only tsx's ESM hooks are loaded up front (`tsx/esm`), as in
 * the built binary, where the CLI registers tsx itself when it loads a user's file.
 */
export function startCli(
  args: readonly string[],
  options: { cwd?: string; env?: Readonly<Record<string, string>> } = {},
): { child: ChildProcess; done: Promise<CliOutcome> } {
  const child = spawn(
    process.execPath,
    ["--import", "tsx/esm", "--conditions=@candlewick/source", main, ...args],
    {
      stdio: ["ignore", "pipe", "pipe"],
      ...(options.cwd === undefined ? {} : { cwd: options.cwd }),
      ...(options.env === undefined ? {} : { env: { ...process.env, ...options.env } }),
    },
  );
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (chunk) => {
    stdout += chunk;
  });
  child.stderr!.on("data", (chunk) => {
    stderr += chunk;
  });
  const done = new Promise<CliOutcome>((resolve) =>
    child.on("close", (code) => resolve({ code, stdout, stderr })),
  );
  return { child, done };
}

/** Runs the CLI to its end. */
export const runCliProcess = (...args: string[]): Promise<CliOutcome> => startCli(args).done;

/** A fixture file's absolute path. */
export const fixture = (name: string): string => fileURLToPath(new URL(`./${name}`, import.meta.url));

/**
 * The SMA cross of the research tests, as a strategy file (it has a default export): queue-bullmq's fixture, so
 * the CLI's studies and the queue's trials run one strategy.
 */
export const smaCrossFile = fileURLToPath(
  new URL("../../../queue-bullmq/src/test-support/__fixtures__/sma-cross.ts", import.meta.url),
);
