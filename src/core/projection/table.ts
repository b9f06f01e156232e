import { invalid } from "../errors";

/**
 * An assumption table as it sits in a worksheet or a CSV file: a header row, then rows of cells.
 * Columns are found by header name (case-insensitive, surrounding blanks ignored); every refusal
 * names the table, the row (1-based, data rows) and the column.
 */
export interface HeaderTable {
  name: string;
  header: readonly string[];
  rows: readonly (readonly (number | string | boolean | null)[])[];
}

export function fromCells(name: string, cells: readonly (readonly (number | string | boolean | null)[])[]): HeaderTable {
  const [head, ...all] = cells;
  // A range selected larger than its table ends in empty rows; Excel desktop passes their cells as 0.
  // Trailing rows that are all blank or 0 are dropped (keeping at least one data row).
  let end = all.length;
  while (end > 1 && (all[end - 1] ?? []).every((v) => v === null || v === "" || v === 0)) end--;
  const rows = all.slice(0, end);
  if (!head || rows.length === 0) invalid(name, "needs a header row and at least one row of data");
  return { name, header: head.map((h) => String(h ?? "").trim()), rows };
}

export function hasColumn(table: HeaderTable, column: string): boolean {
  return table.header.some((h) => h.toLowerCase() === column.toLowerCase());
}

function columnIndex(table: HeaderTable, column: string): number {
  const k = table.header.findIndex((h) => h.toLowerCase() === column.toLowerCase());
  if (k < 0) invalid(table.name, `has no column "${column}"; its columns are ${table.header.join(", ")}`);
  return k;
}

/** A numeric column; blanks and text are refused with their row. */
export function numberColumn(table: HeaderTable, column: string): Float64Array {
  const k = columnIndex(table, column);
  const out = new Float64Array(table.rows.length);
  table.rows.forEach((row, r) => {
    const v = row[k];
    if (typeof v !== "number" || !Number.isFinite(v)) invalid(table.name, `row ${r + 1}, column ${column}: ${v === null || v === undefined || v === "" ? "is blank" : JSON.stringify(v) + " is not a number"}`);
    out[r] = v;
  });
  return out;
}

/** The numeric columns after the first (e.g. select durations 0..5 of a mortality table), row by row. */
export function numericBlock(table: HeaderTable, firstColumn = 1): Float64Array {
  const width = table.header.length - firstColumn;
  const out = new Float64Array(table.rows.length * width);
  table.rows.forEach((row, r) => {
    for (let c = 0; c < width; c++) {
      const v = row[firstColumn + c];
      if (typeof v !== "number" || !Number.isFinite(v)) invalid(table.name, `row ${r + 1}, column ${table.header[firstColumn + c]}: ${v === null || v === undefined || v === "" ? "is blank" : JSON.stringify(v) + " is not a number"}`);
      out[r * width + c] = v;
    }
  });
  return out;
}
