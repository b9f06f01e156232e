/**
 * A1 addresses as Excel writes them: "B3", "A1:C5", "Sheet1!A1:C5", "'My model'!$B$2". Rows and columns
 * are 0-based here; Excel's row 1 / column A is 0.
 */

/** Excel's grid: 1,048,576 rows × 16,384 columns (XFD). */
export const MAX_ROWS = 1_048_576;
export const MAX_COLUMNS = 16_384;

export interface CellRef {
  row: number;
  column: number;
}

/** A rectangle of cells, optionally on a named sheet; `end` is inclusive. */
export interface RangeRef {
  sheet?: string;
  start: CellRef;
  end: CellRef;
}

/** 0 → "A", 25 → "Z", 26 → "AA", 16383 → "XFD". */
export function columnLetters(column: number): string {
  if (!Number.isInteger(column) || column < 0 || column >= MAX_COLUMNS) throw new Error(`column ${column} is outside Excel's columns A..XFD`);
  let n = column + 1;
  let s = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** "A" → 0, "XFD" → 16383 (case-insensitive). */
export function columnIndex(letters: string): number {
  if (!/^[A-Za-z]{1,3}$/.test(letters)) throw new Error(`"${letters}" is not a column (A..XFD)`);
  let n = 0;
  for (const ch of letters.toUpperCase()) n = 26 * n + (ch.charCodeAt(0) - 64);
  if (n > MAX_COLUMNS) throw new Error(`column ${letters} is beyond XFD`);
  return n - 1;
}

/** "B3" for row 2, column 1. */
export function cellAddress(row: number, column: number): string {
  if (!Number.isInteger(row) || row < 0 || row >= MAX_ROWS) throw new Error(`row ${row + 1} is outside Excel's rows 1..${MAX_ROWS}`);
  return `${columnLetters(column)}${row + 1}`;
}

/** A sheet name as it must appear in a formula or an address: quoted ('It''s') unless it is a plain word. */
export function quoteSheet(name: string): string {
  const plain = /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) && !/^[A-Za-z]{1,3}\d+$/.test(name) && !/^[Rr]\d*[Cc]\d*$/.test(name);
  return plain ? name : `'${name.replace(/'/g, "''")}'`;
}

/** "Sheet1!A1:C5"; a single cell as "Sheet1!B3"; no sheet part when the range has none. */
export function rangeAddress(ref: RangeRef): string {
  const a = cellAddress(ref.start.row, ref.start.column);
  const b = cellAddress(ref.end.row, ref.end.column);
  const cells = a === b ? a : `${a}:${b}`;
  return ref.sheet === undefined ? cells : `${quoteSheet(ref.sheet)}!${cells}`;
}

function parseCell(text: string, whole: string): CellRef {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/.exec(text.trim());
  if (!m) throw new Error(`"${whole}" is not an A1 address (e.g. B3, A1:C5 or Sheet1!A1:C5)`);
  const row = Number(m[2]) - 1;
  if (row < 0 || row >= MAX_ROWS) throw new Error(`"${whole}": row ${row + 1} is outside Excel's rows 1..${MAX_ROWS}`);
  return { row, column: columnIndex(m[1] as string) };
}

/** Splits "Sheet!A1:B2" into the sheet (unquoted) and the cells part; no "!" means no sheet. */
export function splitSheet(address: string): { sheet?: string; cells: string } {
  const text = address.trim();
  if (text.startsWith("'")) {
    // quoted name: '' is an escaped quote
    let i = 1;
    let name = "";
    while (i < text.length) {
      if (text[i] === "'") {
        if (text[i + 1] === "'") {
          name += "'";
          i += 2;
          continue;
        }
        break;
      }
      name += text[i];
      i++;
    }
    if (text[i] !== "'" || text[i + 1] !== "!") throw new Error(`"${address}" has a quoted sheet name without a closing quote and "!"`);
    return { sheet: name, cells: text.slice(i + 2) };
  }
  const bang = text.lastIndexOf("!");
  return bang < 0 ? { cells: text } : { sheet: text.slice(0, bang), cells: text.slice(bang + 1) };
}

/** Parses an A1 address; `defaultSheet` fills in a missing sheet. Start/end are put in order. */
export function parseAddress(address: string, defaultSheet?: string): RangeRef {
  const { sheet, cells } = splitSheet(address);
  const [a, b, extra] = cells.split(":");
  if (a === undefined || extra !== undefined) throw new Error(`"${address}" is not an A1 address (e.g. B3, A1:C5 or Sheet1!A1:C5)`);
  const p = parseCell(a, address);
  const q = b === undefined ? p : parseCell(b, address);
  const ref: RangeRef = {
    start: { row: Math.min(p.row, q.row), column: Math.min(p.column, q.column) },
    end: { row: Math.max(p.row, q.row), column: Math.max(p.column, q.column) },
  };
  const s = sheet ?? defaultSheet;
  if (s !== undefined) ref.sheet = s;
  return ref;
}

export function rowCount(ref: RangeRef): number {
  return ref.end.row - ref.start.row + 1;
}

export function columnCount(ref: RangeRef): number {
  return ref.end.column - ref.start.column + 1;
}

/** The range of `rows` × `columns` cells whose top-left cell is `topLeft`. */
export function resize(topLeft: RangeRef, rows: number, columns: number): RangeRef {
  if (rows < 1 || columns < 1) throw new Error(`a range needs at least one row and one column (got ${rows} × ${columns})`);
  const start = topLeft.start;
  const end = { row: start.row + rows - 1, column: start.column + columns - 1 };
  if (end.row >= MAX_ROWS || end.column >= MAX_COLUMNS) throw new Error(`${rows} × ${columns} cells from ${cellAddress(start.row, start.column)} go beyond the sheet`);
  return topLeft.sheet === undefined ? { start, end } : { sheet: topLeft.sheet, start, end };
}

/** The cell at (row, column) relative to the range's top-left cell, on the range's sheet. */
export function offsetCell(ref: RangeRef, row: number, column: number): RangeRef {
  const cell = { row: ref.start.row + row, column: ref.start.column + column };
  return ref.sheet === undefined ? { start: cell, end: cell } : { sheet: ref.sheet, start: cell, end: cell };
}

/** Do two ranges (on the same sheet) share a cell? */
export function overlaps(a: RangeRef, b: RangeRef): boolean {
  if ((a.sheet ?? "").toLowerCase() !== (b.sheet ?? "").toLowerCase()) return false;
  return a.start.row <= b.end.row && b.start.row <= a.end.row && a.start.column <= b.end.column && b.start.column <= a.end.column;
}

/** Rows [from, to) of a range, as a range. */
export function rowSlice(ref: RangeRef, from: number, to: number): RangeRef {
  const start = { row: ref.start.row + from, column: ref.start.column };
  const end = { row: ref.start.row + to - 1, column: ref.end.column };
  return ref.sheet === undefined ? { start, end } : { sheet: ref.sheet, start, end };
}

/** Same sheet (case-insensitive, as Excel compares sheet names). */
export function sameSheet(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}
