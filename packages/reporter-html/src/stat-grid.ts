import { escapeHtml } from "./html-escape.js";
import { signClass, type ValueFormat, type ValueUnit } from "./value-format.js";

/** One figure of a summary grid. */
export interface StatCell {
  /** `data-stat` of the value, so tests and scripts can find it. */
  readonly key: string;
  readonly label: string;
  readonly value: number | null | undefined;
  readonly unit: ValueUnit;
  /** Why the value is missing (shown as the tooltip of `n/a`). */
  readonly reason?: string;
  /** Colour the value by its sign. */
  readonly signed?: boolean;
}

/** A `<dl>` of labelled figures with their units. */
export function statGrid(format: ValueFormat, cells: readonly StatCell[]): string {
  const items = cells.map((cell) => {
    const className = cell.signed ? signClass(cell.value) : "";
    const title = cell.reason === undefined ? "" : ` title="${escapeHtml(cell.reason)}"`;
    return `<div><dt>${escapeHtml(cell.label)}</dt><dd data-stat="${escapeHtml(cell.key)}"${className ? ` class="${className}"` : ""}${title}>${escapeHtml(format.value(cell.value, cell.unit))}</dd></div>`;
  });
  return `<dl class="grid">${items.join("")}</dl>`;
}

/** A table column: its header, `data-col` name and how to render a row's cell (already escaped HTML). */
export interface Column<Row> {
  readonly key: string;
  readonly header: string;
  readonly cell: (row: Row) => string;
  readonly className?: (row: Row) => string;
}

/**
 * A column of a signed figure, its cell coloured by the sign of the value it shows (`pos` / `neg`): `value`
 * picks the figure from the row, `html` writes it (escaped).
 */
export function signedColumn<Row, Value extends number | null | undefined>(
  key: string,
  header: string,
  value: (row: Row) => Value,
  html: (value: Value) => string,
): Column<Row> {
  return { key, header, cell: (row) => html(value(row)), className: (row) => signClass(value(row)) };
}

/** A table with `data-col` on every cell and `data-row` (the index) on every row. */
export function dataTable<Row>(name: string, columns: readonly Column<Row>[], rows: readonly Row[]): string {
  const head = columns.map((column) => `<th>${escapeHtml(column.header)}</th>`).join("");
  const body = rows
    .map((row, index) => {
      const cells = columns.map((column) => {
        const className = column.className?.(row) ?? "";
        return `<td data-col="${column.key}"${className ? ` class="${className}"` : ""}>${column.cell(row)}</td>`;
      });
      return `<tr data-row="${index}">${cells.join("")}</tr>`;
    })
    .join("");
  return `<table data-table="${escapeHtml(name)}"><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}
