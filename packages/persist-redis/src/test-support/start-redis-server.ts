import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { connect, createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

const INSTALL_HINT =
  "The @candlewick/persist-redis tests need a real redis-server on PATH (or REDIS_SERVER_BIN set to one). " +
  "Install it with: apt-get update && apt-get install -y redis-server (Debian/Ubuntu), brew install redis (macOS).";

/** A redis-server on a loopback port of its own, for one test file. */
export interface RedisServer {
  readonly port: number;
  readonly url: string;
  /** The append-only file directory of a durable server, `undefined` otherwise. */
  readonly aofDir: string | undefined;
  /** Stops the server (SIGKILL simulates a crash) and waits for it to exit. */
  stop(signal?: NodeJS.Signals): Promise<void>;
  /** Sends `signal` to the running server, e.g. SIGSTOP to freeze it without closing its connections. */
  signal(signal: NodeJS.Signals): void;
  /** Starts it again on the same port: empty, or with what its append-only file holds when durable. */
  restart(): Promise<void>;
  /** Stops the server and removes its data directory. */
  dispose(): Promise<void>;
}

export interface RedisServerOptions {
  /**
   * Keeps every acknowledged write in an append-only file fsynced before each reply (`appendfsync always`),
   * so a restart after a SIGKILL finds them all and the file lists the writes in the order Redis applied them.
   * Default: no persistence at all.
   */
  readonly durable?: boolean;
  /** Requires clients to authenticate with this password (`--requirepass`). */
  readonly password?: string;
}

/**
 * Spawns `redis-server` on a free loopback port and resolves once it answers PING. Fails with an install
 * hint, rather than skipping, when the binary is missing: silently skipped tests would hide a broken adapter.
 */
export async function startRedisServer(options: RedisServerOptions = {}): Promise<RedisServer> {
  const dataDir = options.durable ? mkdtempSync(join(tmpdir(), "candlewick-redis-")) : undefined;
  for (let attempt = 1; ; attempt += 1) {
    const port = await freeLoopbackPort();
    try {
      const child = await spawnServer(port, dataDir, options.password);
      return await serverOn(port, dataDir, child, options.password);
    } catch (error) {
      // Another process may take the port between our probe and redis-server's bind: try another one.
      if (attempt >= 5 || !String(error).includes("Address already in use")) throw error;
    }
  }
}

async function serverOn(
  port: number,
  dataDir: string | undefined,
  first: ChildProcess,
  password?: string,
): Promise<RedisServer> {
  let current: ChildProcess | undefined = first;
  const killOnExit = () => current?.kill("SIGKILL");
  process.once("exit", killOnExit);
  const server: RedisServer = {
    port,
    url: `redis://127.0.0.1:${port}`,
    aofDir: dataDir === undefined ? undefined : join(dataDir, AOF_DIR),
    async stop(signal = "SIGTERM") {
      const child = current;
      current = undefined;
      process.off("exit", killOnExit);
      if (child === undefined || child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill(signal);
      await exited;
    },
    signal(signal) {
      if (current === undefined) throw new Error("redis-server is not running");
      current.kill(signal);
    },
    async restart() {
      if (current !== undefined) throw new Error("redis-server is still running; stop() it first");
      current = await spawnServer(port, dataDir, password);
      process.once("exit", killOnExit);
    },
    async dispose() {
      await server.stop();
      if (dataDir !== undefined) rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return server;
}

const AOF_DIR = "aof";

async function spawnServer(
  port: number,
  dataDir: string | undefined,
  password: string | undefined,
): Promise<ChildProcess> {
  const binary = process.env.REDIS_SERVER_BIN ?? "redis-server";
  const persistence =
    dataDir === undefined
      ? ["--appendonly", "no"]
      : [
          ...["--appendonly", "yes", "--appendfsync", "always", "--dir", dataDir, "--appenddirname", AOF_DIR],
          // No background rewrite: the incremental files then hold every write since the first start.
          ...["--auto-aof-rewrite-percentage", "0"],
        ];
  const auth = password === undefined ? [] : ["--requirepass", password];
  const args = ["--port", String(port), "--bind", "127.0.0.1", "--save", "", ...persistence, ...auth];
  const child = spawn(binary, args, { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  const failed = new Promise<never>((_, reject) => {
    child.once("error", (error: NodeJS.ErrnoException) =>
      reject(error.code === "ENOENT" ? new Error(`${binary} not found. ${INSTALL_HINT}`) : error),
    );
    child.once("exit", (code, signal) =>
      reject(new Error(`redis-server exited (${code ?? signal}) before answering PING:\n${output}`)),
    );
  });
  failed.catch(() => undefined);
  try {
    await Promise.race([failed, waitForPong(port, 10_000)]);
  } catch (error) {
    child.kill("SIGKILL");
    throw error;
  }
  return child;
}

/** Polls the port with a raw PING until the server answers PONG. */
async function waitForPong(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await pingOnce(port)) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`redis-server on port ${port} did not answer PING within ${timeoutMs} ms`);
}

function pingOnce(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: "127.0.0.1", port });
    let reply = "";
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(500, () => done(false));
    socket.once("error", () => done(false));
    socket.once("connect", () => socket.write("PING\r\n"));
    socket.on("data", (chunk) => {
      reply += chunk.toString();
      // A server requiring a password answers NOAUTH: it is up all the same.
      if (reply.includes("\r\n")) done(reply.startsWith("+PONG") || reply.startsWith("-NOAUTH"));
    });
  });
}

function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}
