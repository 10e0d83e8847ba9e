import { getReporter, setReporter } from "@candlewick/core";
import { createMarkdownReporter } from "@candlewick/reporter-markdown";

/** Registers `@candlewick/reporter-markdown` unless the process already has a reporter. */
export function useMarkdownReporter(): void {
  try {
    getReporter();
  } catch {
    setReporter(createMarkdownReporter());
  }
}
