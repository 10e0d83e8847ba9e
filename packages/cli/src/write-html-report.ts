import { mkdir, writeFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";

/** Writes an HTML report to `file` (creating its folder) and says where on stderr. */
export async function writeHtmlReport(
  file: string,
  html: string,
  io: { stderr: NodeJS.WritableStream },
): Promise<void> {
  const path = resolve(file);
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, html);
  io.stderr.write(`wrote ${path}\n`);
}
