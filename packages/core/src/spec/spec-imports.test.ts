import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

// The contracts in spec/ are what adapters and reporters implement: they must not depend on how the engine is
// built, so every import of a spec file stays inside spec/.
const specDir = dirname(fileURLToPath(import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts") ? [path] : [];
  });
}

describe("spec/", () => {
  it("imports nothing outside spec/ (no engine module)", () => {
    const files = sourceFiles(specDir);
    expect(files.length).toBeGreaterThan(10);
    const outside: string[] = [];
    for (const file of files) {
      for (const [, specifier] of readFileSync(file, "utf8").matchAll(/from "([^"]+)"/g)) {
        const target = resolve(dirname(file), specifier!);
        if (!specifier!.startsWith(".") || relative(specDir, target).startsWith("..")) {
          outside.push(`${relative(specDir, file)} → ${specifier}`);
        }
      }
    }
    expect(outside).toEqual([]);
  });
});
