import { getReporter, setPersist, setReporter } from "@candlewick/core";
import { createFsPersist } from "@candlewick/persist-fs";
import { createMarkdownReporter } from "@candlewick/reporter-markdown";

/**
 * The defaults a `candlewick` user expects, wired once when the package is first imported: live state in files
 * (`@candlewick/persist-fs`, `./signals/<strategy>/<symbol>.json`) and markdown reports (`@candlewick/reporter-markdown`)
 * for every `getReport` and `dump`. Both go through core's public setters, so a later `setPersist(...)` or
 * `setReporter(...)` (or a run's own `persist`) replaces them. A reporter set before this import is kept.
 */
export function useDefaults(): void {
  setPersist(createFsPersist());
  try {
    getReporter();
  } catch {
    setReporter(createMarkdownReporter());
  }
}
