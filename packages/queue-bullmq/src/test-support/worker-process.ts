import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const REPOSITORY = fileURLToPath(new URL("../../../../", import.meta.url));
const CLI_MAIN = fileURLToPath(new URL("../../../cli/src/main.ts", import.meta.url));

/** A `candlewick worker` process started from the CLI's sources. */
export interface WorkerProcess {
  readonly child: ChildProcess;
  readonly pid: number;
  /** Everything it wrote to stderr so far. */
  stderr(): string;
  /** Resolves when it says it is ready (or rejects when it exits first). */
  readonly ready: Promise<void>;
  /** Resolves when it has exited, with its code or signal. */
  readonly exited: Promise<number | NodeJS.Signals>;
}

/** Spawns `candlewick worker ...args` (tsx, source condition) with `env` added to this process's environment. */
export function startWorkerProcess(
  args: readonly string[],
  env: Readonly<Record<string, string>>,
): WorkerProcess {
  const child = spawn(
    process.execPath,
    ["--import", "tsx/esm", "--conditions=@candlewick/source", CLI_MAIN, "worker", ...args],
    { cwd: REPOSITORY, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] },
  );
  let stderr = "";
  child.stdout!.resume();
  const exited = new Promise<number | NodeJS.Signals>((resolve) =>
    child.once("exit", (code, signal) => resolve(signal ?? code ?? 0)),
  );
  const ready = new Promise<void>((resolve, reject) => {
    child.stderr!.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
      if (stderr.includes("worker: ready")) resolve();
    });
    void exited.then((how) =>
      reject(new Error(`worker ${child.pid} exited (${how}) before ready:\n${stderr}`)),
    );
  });
  ready.catch(() => undefined);
  return { child, pid: child.pid!, stderr: () => stderr, ready, exited };
}
