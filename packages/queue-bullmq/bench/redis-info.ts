import { connect } from "node:net";

/** Redis's own CPU seconds (user + system) and the commands it has run, read with a raw `INFO`. */
export async function redisUsage(port: number): Promise<{ cpuSeconds: number; commands: number }> {
  const text = await new Promise<string>((resolve, reject) => {
    const socket = connect({ host: "127.0.0.1", port });
    let reply = "";
    socket.once("error", reject);
    socket.once("connect", () => socket.write("INFO all\r\n"));
    socket.on("data", (chunk) => {
      reply += chunk.toString();
      const header = reply.match(/^\$(\d+)\r\n/);
      if (header && Buffer.byteLength(reply) >= header[0].length + Number(header[1])) {
        socket.destroy();
        resolve(reply);
      }
    });
  });
  const field = (name: string) =>
    Number(text.match(new RegExp(`^${name}:([\\d.]+)`, "m"))?.[1] ?? Number.NaN);
  let commands = 0;
  for (const match of text.matchAll(/^cmdstat_[^:]+:calls=(\d+)/gm)) commands += Number(match[1]);
  return { cpuSeconds: field("used_cpu_user") + field("used_cpu_sys"), commands };
}
