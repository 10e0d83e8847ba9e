import { readFileSync } from "node:fs";
import { join } from "node:path";

/**
 * Every command a durable test server applied, in the order it applied them, read from its append-only
 * files (Redis 7 layout: a manifest naming the incremental files by sequence number). An independent record
 * of what reached Redis, rather than what the adapter says it wrote.
 */
export function readAofCommands(aofDir: string): string[][] {
  const manifest = readFileSync(join(aofDir, "appendonly.aof.manifest"), "utf8");
  const incremental = manifest
    .split("\n")
    .map((line) => line.match(/^file (\S+) seq (\d+) type i$/))
    .filter((match): match is RegExpMatchArray => match !== null)
    .sort((a, b) => Number(a[2]) - Number(b[2]))
    .map((match) => match[1]!);
  return incremental.flatMap((file) => parseResp(readFileSync(join(aofDir, file))));
}

/** Parses a sequence of RESP arrays of bulk strings (`*<n>\r\n$<len>\r\n<bytes>\r\n...`). */
function parseResp(buffer: Buffer): string[][] {
  const commands: string[][] = [];
  let offset = 0;
  const line = (): string => {
    const end = buffer.indexOf("\r\n", offset);
    if (end === -1) throw new Error(`truncated AOF at byte ${offset}`);
    const text = buffer.toString("utf8", offset, end);
    offset = end + 2;
    return text;
  };
  while (offset < buffer.length) {
    const header = line();
    if (!header.startsWith("*")) throw new Error(`unexpected AOF line ${JSON.stringify(header)}`);
    const command: string[] = [];
    for (let count = Number(header.slice(1)); count > 0; count -= 1) {
      const length = Number(line().slice(1));
      command.push(buffer.toString("utf8", offset, offset + length));
      offset += length + 2;
    }
    commands.push(command);
  }
  return commands;
}
