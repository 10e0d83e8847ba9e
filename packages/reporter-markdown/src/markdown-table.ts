/** A column of a markdown table: its header and how its cells line up (numbers right, text left). */
export interface TableColumn {
  readonly header: string;
  readonly align?: "left" | "right";
}

/** Escapes what would break a table cell: pipes and line breaks. */
export function escapeCell(text: string): string {
  return text.replace(/\\/g, "\\\\").replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
}

/**
 * A GitHub-flavoured markdown table whose columns are padded to the same width, so it also reads well as plain
 * text. The separator row carries the alignment (`:---` / `---:`). Rows shorter than the header are padded with
 * empty cells.
 */
export function markdownTable(columns: readonly TableColumn[], rows: readonly (readonly string[])[]): string {
  const cells = rows.map((row) => columns.map((_, index) => escapeCell(row[index] ?? "")));
  const headers = columns.map((column) => escapeCell(column.header));
  const widths = columns.map((_, index) =>
    Math.max(3, headers[index]!.length, ...cells.map((row) => row[index]!.length)),
  );
  const pad = (text: string, index: number): string =>
    columns[index]!.align === "right" ? text.padStart(widths[index]!) : text.padEnd(widths[index]!);
  const line = (values: readonly string[]): string => `| ${values.map(pad).join(" | ")} |`;
  const separator = `| ${columns
    .map((column, index) =>
      column.align === "right" ? `${"-".repeat(widths[index]! - 1)}:` : `:${"-".repeat(widths[index]! - 1)}`,
    )
    .join(" | ")} |`;
  return [line(headers), separator, ...cells.map(line)].join("\n");
}
