/**
 * What a worksheet cell holds, as Excel passes it to custom functions and as the CLI reads it from CSV.
 * `null` is a blank cell (Excel on the web passes null for blanks and for omitted optional arguments).
 */
export type CellValue = number | string | boolean | null;

/** A rectangular range, row by row. A scalar argument is a 1 × 1 range. */
export type CellMatrix = CellValue[][];

/** What a registered function may return: a scalar (one cell) or a range that spills. */
export type FunctionResult = CellValue | CellMatrix;
