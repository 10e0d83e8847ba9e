const ENTITIES: Readonly<Record<string, string>> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/** Text made safe for HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ENTITIES[char]!);
}

/**
 * JSON for a `<script type="application/json">` element: every `<` becomes `\u003c`, so no `</script>` or
 * `<!--` inside a string (a strategy note, a symbol) can end the element early; `JSON.parse` reads it back
 * unchanged. U+2028/U+2029 are escaped too, so the text is also valid inside an inline script.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}
