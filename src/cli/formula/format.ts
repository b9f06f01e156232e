import type { CellMatrix, CellValue } from "../../functions/cells";

/**
 * A result as CSV: one line per row ("\n" between lines, no trailing newline), numbers as `String(x)`
 * (shortest round-trip form), booleans TRUE/FALSE, blanks as empty fields, strings quoted (RFC 4180)
 * only when they contain a comma, a quote or a line break. A scalar is one line.
 * Note: parseCsv reads numeric-looking strings back as numbers, "TRUE"/"FALSE" as booleans and "" as blank.
 */
export function formatResult(value: CellValue | CellMatrix): string {
  if (!Array.isArray(value)) return formatCell(value);
  return value.map((row) => row.map(formatCell).join(",")).join("\n");
}

/** A result as a JSON array of rows; a scalar becomes [[x]]. */
export function formatResultJson(value: CellValue | CellMatrix): string {
  return JSON.stringify(Array.isArray(value) ? value : [[value]]);
}

function formatCell(v: CellValue): string {
  if (v === null) return "";
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  if (typeof v === "number") return String(v);
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}
