import { invalid, McevError } from "../core/errors";
import type { CellMatrix, CellValue } from "./cells";

/**
 * Argument normalisation shared by Excel, the CLI and the tests.
 *
 * Excel passes a range as a 2-D array and a single cell as a scalar; blank cells arrive as null (web),
 * 0 (desktop) or "" (some paths); omitted optional arguments arrive as null or undefined. Everything is
 * brought to one form here, and every refusal names the argument and the position in the range.
 */
export type Argument = CellValue | CellMatrix | undefined;

/** A numeric range read row by row, with its shape (for spilling results of the same shape). */
export interface NumericRange {
  values: Float64Array;
  rows: number;
  cols: number;
}

export function isMatrix(x: Argument): x is CellMatrix {
  return Array.isArray(x);
}

/** An argument as a rectangular matrix (a scalar is 1 × 1). */
export function asMatrix(x: Argument, name: string): CellMatrix {
  if (x === undefined) return [[null]];
  if (!isMatrix(x)) return [[x]];
  if (x.length === 0 || x[0] === undefined || x[0].length === 0) invalid(name, "is an empty range");
  const cols = x[0].length;
  for (const row of x) if (!Array.isArray(row) || row.length !== cols) invalid(name, "is not a rectangular range");
  return x;
}

function isBlank(v: CellValue | undefined): boolean {
  return v === null || v === undefined || v === "";
}

function describe(v: CellValue): string {
  if (typeof v === "string") return `text "${v.length > 30 ? v.slice(0, 30) + "…" : v}"`;
  if (typeof v === "boolean") return `the logical value ${v ? "TRUE" : "FALSE"}`;
  return String(v);
}

/**
 * "(row 3 of the range)" for a column, "(column 3 of the range)" for a row, "(row 2, column 4 of the
 * range)" for a block; nothing for a single cell.
 */
export function positionText(index: number, rows: number, cols: number): string {
  if (rows * cols <= 1) return "";
  const r = Math.floor(index / cols) + 1;
  const c = (index % cols) + 1;
  if (cols === 1) return ` (row ${r} of the range)`;
  if (rows === 1) return ` (column ${c} of the range)`;
  return ` (row ${r}, column ${c} of the range)`;
}

/** A range (or single cell) of numbers; blanks, text, logical values and non-finite numbers are refused. */
export function numericRange(x: Argument, name: string): NumericRange {
  if (x === undefined || x === null || x === "") invalid(name, "is missing; expected a number or a range of numbers");
  const m = asMatrix(x, name);
  const rows = m.length;
  const cols = (m[0] as CellValue[]).length;
  const values = new Float64Array(rows * cols);
  let k = 0;
  for (let r = 0; r < rows; r++) {
    const row = m[r] as CellValue[];
    for (let c = 0; c < cols; c++, k++) {
      const v = row[c] as CellValue;
      if (typeof v === "number" && Number.isFinite(v)) {
        values[k] = v;
        continue;
      }
      const where = positionText(k, rows, cols);
      const what = isBlank(v) ? "is blank" : `is ${describe(v)}`;
      throw new McevError("VALUE", `${what}; expected a number`, { argument: name, index: k, position: where });
    }
  }
  return { values, rows, cols };
}

/** A numeric range used as a vector: any single row or column (or block, read row by row). */
export function numericVector(x: Argument, name: string): Float64Array {
  return numericRange(x, name).values;
}

function scalarOf(x: Argument, name: string): CellValue | undefined {
  if (x === undefined) return undefined;
  if (!isMatrix(x)) return x;
  const m = asMatrix(x, name);
  if (m.length !== 1 || (m[0] as CellValue[]).length !== 1) invalid(name, `expected a single value, got a ${m.length} × ${(m[0] as CellValue[]).length} range`);
  return (m[0] as CellValue[])[0];
}

/**
 * An optional number: blank or omitted → undefined. With `zeroIsBlank`, 0 counts as blank too: Excel
 * desktop passes a referenced blank cell as 0, so for arguments where 0 is not a meaningful value
 * (a UFR, alpha, a last liquid point) a 0 must mean "not given" rather than a silent different number.
 */
export function optionalNumber(x: Argument, name: string, zeroIsBlank = false): number | undefined {
  const v = scalarOf(x, name);
  if (v === undefined || isBlank(v) || (zeroIsBlank && v === 0)) return undefined;
  if (typeof v === "number" && Number.isFinite(v)) return v;
  return invalid(name, `is ${describe(v)}; expected a number`);
}

/** A required number. */
export function requiredNumber(x: Argument, name: string): number {
  const v = optionalNumber(x, name);
  if (v === undefined) invalid(name, "is missing; expected a number");
  return v;
}

/**
 * An optional text (e.g. a method name): blank or omitted → undefined. A 0 is a blank cell as Excel
 * desktop passes it, so it counts as blank; any other number is refused.
 */
export function optionalText(x: Argument, name: string): string | undefined {
  const v = scalarOf(x, name);
  if (v === undefined || isBlank(v) || v === 0) return undefined;
  if (typeof v === "string") return v;
  return invalid(name, `is ${describe(v)}; expected text`);
}

/** Reshapes values row by row into a rows × cols matrix (the shape of an input range). */
export function reshape(values: ArrayLike<number>, rows: number, cols: number): number[][] {
  const out: number[][] = new Array(rows);
  for (let r = 0; r < rows; r++) {
    const row = new Array<number>(cols);
    for (let c = 0; c < cols; c++) row[c] = values[r * cols + c] as number;
    out[r] = row;
  }
  return out;
}

/** An optional logical (TRUE/FALSE, 1/0); blank or omitted → the default. */
export function optionalBoolean(x: Argument, name: string, fallback = false): boolean {
  const v = scalarOf(x, name);
  if (v === undefined || isBlank(v)) return fallback;
  if (typeof v === "boolean") return v;
  if (v === 0 || v === 1) return v === 1;
  if (typeof v === "string" && /^(true|false)$/i.test(v.trim())) return v.trim().toUpperCase() === "TRUE";
  return invalid(name, `is ${describe(v)}; expected TRUE or FALSE`);
}

/** An optional whole number >= min; blank, omitted (or 0 when 0 is below min) → undefined. */
export function optionalInteger(x: Argument, name: string, min = 1): number | undefined {
  const v = optionalNumber(x, name, min > 0);
  if (v === undefined) return undefined;
  if (!Number.isInteger(v) || v < min) invalid(name, `${v} is not a whole number >= ${min}`);
  return v;
}

/**
 * A numeric range in which blank cells are allowed: blank → undefined. Text and logical values are
 * refused with their position.
 */
export function numericCells(x: Argument, name: string): { cells: (number | undefined)[][]; rows: number; cols: number } {
  if (x === undefined || x === null || x === "") invalid(name, "is missing; expected a range of numbers");
  const m = asMatrix(x, name);
  const rows = m.length;
  const cols = (m[0] as CellValue[]).length;
  const cells = m.map((row, r) =>
    row.map((v, c) => {
      if (isBlank(v)) return undefined;
      if (typeof v === "number" && Number.isFinite(v)) return v;
      const k = r * cols + c;
      throw new McevError("VALUE", `is ${describe(v)}; expected a number or a blank cell`, { argument: name, index: k, position: positionText(k, rows, cols) });
    }),
  );
  return { cells, rows, cols };
}
