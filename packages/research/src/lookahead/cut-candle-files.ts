import fs from "node:fs";
import { syncBuiltinESMExports } from "node:module";
import { basename, dirname, resolve } from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import { INTERVAL_MS, isCandleInterval } from "@candlewick/core";

const CANDLE_FILE = /^(.+)-(\w+)\.csv(\.gz)?$/;

/**
 * Runs `work` while every read of a candle file (`<SYMBOL>-<interval>.csv[.gz]`) directly inside `dir` through
 * `fs.readFileSync`, `fs.readFile` or `fs.promises.readFile` returns the file cut at `cutAt`: only the rows of
 * candles closed by then (`timestamp + interval <= cutAt`). This is how a cut decision catches a strategy that
 * reads the candle folder itself instead of asking the engine. The functions are restored afterwards, also
 * when `work` throws. Other ways to read (streams, file handles, copies elsewhere) are not intercepted.
 */
export async function withCandleFilesCutAt<T>(
  dir: string,
  cutAt: number,
  work: () => Promise<T>,
): Promise<T> {
  const folder = resolve(dir);
  const original = {
    readFileSync: fs.readFileSync,
    readFile: fs.readFile,
    promisesReadFile: fs.promises.readFile,
  };
  const cutBytes = (path: unknown): Buffer | undefined => {
    if (typeof path !== "string" && !(path instanceof URL)) return undefined;
    const absolute = resolve(path instanceof URL ? path.pathname : path);
    const match = CANDLE_FILE.exec(basename(absolute));
    if (dirname(absolute) !== folder || match === null || !isCandleInterval(match[2]!)) return undefined;
    const raw = original.readFileSync.call(fs, absolute) as Buffer;
    const gzipped = match[3] !== undefined;
    const text = cutCandleCsv(
      (gzipped ? gunzipSync(raw) : raw).toString("utf8"),
      INTERVAL_MS[match[2] as keyof typeof INTERVAL_MS],
      cutAt,
    );
    return gzipped ? gzipSync(text) : Buffer.from(text, "utf8");
  };
  const encode = (bytes: Buffer, options: unknown): Buffer | string => {
    const encoding =
      typeof options === "string" ? options : (options as { encoding?: string } | null)?.encoding;
    return encoding === undefined || encoding === null ? bytes : bytes.toString(encoding as BufferEncoding);
  };

  const patched = fs as unknown as Record<string, unknown>;
  patched.readFileSync = (path: unknown, options?: unknown) => {
    const bytes = cutBytes(path);
    return bytes === undefined
      ? (original.readFileSync as (...args: unknown[]) => unknown).call(fs, path, options)
      : encode(bytes, options);
  };
  patched.readFile = (path: unknown, ...rest: unknown[]) => {
    const bytes = cutBytes(path);
    if (bytes === undefined)
      return (original.readFile as (...args: unknown[]) => unknown).call(fs, path, ...rest);
    const callback = rest.at(-1) as (error: Error | null, data?: unknown) => void;
    const options = rest.length > 1 ? rest[0] : undefined;
    queueMicrotask(() => callback(null, encode(bytes, options)));
    return undefined;
  };
  (fs.promises as unknown as Record<string, unknown>).readFile = async (path: unknown, options?: unknown) => {
    const bytes = cutBytes(path);
    return bytes === undefined
      ? (original.promisesReadFile as (...args: unknown[]) => unknown).call(fs.promises, path, options)
      : encode(bytes, options);
  };
  // ESM named imports of node:fs are bindings of their own: this makes them see the patched functions.
  syncBuiltinESMExports();
  try {
    return await work();
  } finally {
    patched.readFileSync = original.readFileSync;
    patched.readFile = original.readFile;
    (fs.promises as unknown as Record<string, unknown>).readFile = original.promisesReadFile;
    syncBuiltinESMExports();
  }
}

/** The CSV text with only the rows of candles closed by `cutAt`; the header and `#` lines are kept. */
export function cutCandleCsv(text: string, intervalMs: number, cutAt: number): string {
  const kept: string[] = [];
  for (const line of text.split("\n")) {
    const trimmed = line.trim();
    const timestamp = Number(trimmed.slice(0, trimmed.indexOf(",")));
    if (!/^\d/.test(trimmed) || !Number.isFinite(timestamp) || timestamp + intervalMs <= cutAt) {
      kept.push(line);
    }
  }
  return kept.join("\n");
}
