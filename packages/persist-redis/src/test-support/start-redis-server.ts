import { type ChildProcess, spawn } from "node:child_process";
import { connect, createServer } from "node:net";

const INSTALL_HINT =
  "The @candlewick/persist-redis tests need a real redis-server on PATH (or REDIS_SERVER_BIN set to one). " +
  "Install it with: apt-get update && apt-get install -y redis-server (Debian/Ubuntu), brew install redis (macOS).";

/** A redis-server on a loopback port of its own, with no persistence, for one test file. */
export interface RedisServer {
  readonly port: number;
  readonly url: string;
  /** Stops the server (SIGKILL simulates a crash) and waits for it to exit. */
  stop(signal?: NodeJS.Signals): Promise<void>;
  /** Starts it again on the same port, with an empty database. */
  restart(): Promise<void>;
}

/**
 * Spawns `redis-server` on a free loopback port and resolves once it answers PING. Fails with an install
 * hint, rather than skipping, when the binary is missing: silently skipped tests would hide a broken adapter.
 */
export async function startRedisServer(): Promise<RedisServer> {
  for (let attempt = 1; ; attempt += 1) {
    const port = await freeLoopbackPort();
    try {
      return await serverOn(port, await spawnServer(port));
    } catch (error) {
      // Another process may take the port between our probe and redis-server's bind: try another one.
      if (attempt >= 5 || !String(error).includes("Address already in use")) throw error;
    }
  }
}

async function serverOn(port: number, first: ChildProcess): Promise<RedisServer> {
  let current: ChildProcess | undefined = first;
  const killOnExit = () => current?.kill("SIGKILL");
  process.once("exit", killOnExit);
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    async stop(signal = "SIGTERM") {
      const child = current;
      current = undefined;
      process.off("exit", killOnExit);
      if (child === undefined || child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill(signal);
      await exited;
    },
    async restart() {
      if (current !== undefined) throw new Error("redis-server is still running; stop() it first");
      current = await spawnServer(port);
      process.once("exit", killOnExit);
    },
  };
}

async function spawnServer(port: number): Promise<ChildProcess> {
  const binary = process.env.REDIS_SERVER_BIN ?? "redis-server";
  const args = ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"];
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
      if (reply.includes("\r\n")) done(reply.startsWith("+PONG"));
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
