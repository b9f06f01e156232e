import { invalid } from "../errors";

/**
 * An assumption table as it sits in a worksheet or a CSV file: a header row, then rows of cells.
 * The readers of src/core/assumptions find columns by header name and name the table, the row and
 * the column in every refusal.
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
