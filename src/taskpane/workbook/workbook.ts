/**
 * The only way the task pane reaches Excel: a small asynchronous interface over sheets, tables, ranges,
 * charts, calculation and a key–value store kept inside the workbook. Two implementations:
 * officeWorkbook.ts (Office.js, Excel.run) and memoryWorkbook.ts (in memory, for tests and the
 * browser test's fake Office host).
 *
 * Addresses are A1 addresses with the sheet ("Model!B2:B5", "'My model'!C3"); see address.ts.
 * Cells are what Office.js returns in Range.values: numbers, text, booleans, and "" for a blank cell.
 */

/** A cell's value; a blank cell reads as "". Writing null is the same as writing "" (clears the cell). */
export type Cell = number | string | boolean;
export type Cells = Cell[][];
/** What may be written: null (or "") clears a cell. */
export type CellInput = Cell | null;

export interface TableInfo {
  /** The Excel table's name (unique in the workbook, case-insensitive). */
  name: string;
  sheet: string;
  /** The whole table, header row included, e.g. "Assumptions!A2:C12". */
  address: string;
  /** Data rows (the header row not counted). */
  rowCount: number;
  columnCount: number;
}

export interface TableContent extends TableInfo {
  header: string[];
  rows: Cells;
}

export interface NewTable {
  sheet: string;
  /** Top-left cell of the header row, e.g. "A2" (on `sheet`). */
  topLeft: string;
  name: string;
  header: readonly string[];
  rows: readonly (readonly CellInput[])[];
  /** Number format per column (e.g. "0.00%"), or undefined to keep Excel's General. */
  numberFormats?: readonly (string | undefined)[];
}

export interface RangeFormat {
  /** Applied to every cell of the range. */
  numberFormat?: string;
  bold?: boolean;
  /** Fit the columns of the range to their contents. */
  autofitColumns?: boolean;
}

export interface BarChart {
  sheet: string;
  /** The data: first column the categories (sensitivities), the next columns one series each, header row first. */
  source: string;
  title: string;
  /** Top-left cell where the chart is placed, on `sheet`. */
  anchor: string;
  /** Bottom-right cell of the chart's area (optional). */
  anchorEnd?: string;
}

export type CalculationMode = "automatic" | "automaticExceptTables" | "manual";

/** Strings by key, kept in the workbook (saved with it), for run recovery and named assumption sets. */
export interface WorkbookStore {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string): Promise<void>;
  delete(key: string): Promise<void>;
  /** Keys starting with `prefix` (all keys when omitted), sorted. */
  keys(prefix?: string): Promise<string[]>;
}

export interface Workbook {
  // sheets
  listSheets(): Promise<string[]>;
  sheetExists(name: string): Promise<boolean>;
  /** The smallest range holding every non-blank cell of the sheet ("Sheet!B2:F40"), or undefined when it is empty. */
  usedRange(sheet: string): Promise<string | undefined>;
  /** Adds a sheet named `preferred`, or `preferred (2)`, `(3)`, … when taken; returns the name used. */
  addSheet(preferred: string): Promise<string>;

  // tables
  listTables(): Promise<TableInfo[]>;
  tableNames(): Promise<string[]>;
  /** Writes the header and rows at the position and makes them a real Excel table with that name. */
  createTable(table: NewTable): Promise<TableInfo>;
  readTable(name: string): Promise<TableContent>;
  /** Removes the table and clears its cells (callers confirm with the user first). */
  deleteTable(name: string): Promise<void>;

  // ranges
  readValues(address: string): Promise<Cells>;
  /** Formulas where cells hold them ("=B2*2"), the constants elsewhere: what restores a range exactly. */
  readFormulas(address: string): Promise<Cells>;
  writeValues(address: string, values: readonly (readonly CellInput[])[]): Promise<void>;
  writeFormulas(address: string, formulas: readonly (readonly CellInput[])[]): Promise<void>;
  /**
   * Writes formulas or constants into some cells of the range only: a null entry leaves its cell as it is
   * (Office.js's meaning of null in a formulas matrix). Workbook runs write and restore with this, so a
   * cell they do not shock (text, blank, booleans) is never rewritten.
   */
  patchFormulas(address: string, formulas: readonly (readonly (Cell | null)[])[]): Promise<void>;
  /**
   * The cells of the range that belong to a dynamic-array spill (the anchor of a spill, or a cell spilled
   * into from an anchor), with the anchor. `checked` is false when the host cannot tell (Office.js needs
   * ExcelApi 1.12 for the spill APIs). Legacy (Ctrl+Shift+Enter) array formulas cannot be detected through
   * Office.js; Excel refuses a write into part of one, and the run then restores its inputs.
   */
  spillCells(address: string): Promise<{ checked: boolean; cells: { address: string; anchor: string }[] }>;
  /** Clears every cell of the sheet (contents and formats) and removes its charts. */
  clearSheet(sheet: string): Promise<void>;
  /** True when every cell of the range is blank (no value, no formula). */
  isBlank(address: string): Promise<boolean>;
  formatRange(address: string, format: RangeFormat): Promise<void>;
  /** Activates the range's sheet and selects the range. */
  select(address: string): Promise<void>;
  /** The selected range's address, with its sheet. */
  selectedAddress(): Promise<string>;

  // charts
  addBarChart(chart: BarChart): Promise<void>;

  // calculation
  calculationMode(): Promise<CalculationMode>;
  setCalculationMode(mode: CalculationMode): Promise<void>;
  /**
   * Recalculates the workbook and resolves once calculation (asynchronous functions included) is done.
   * With a signal, the wait for calculation stops as soon as it is aborted (rejects with CalculationWaitAborted;
   * Excel goes on calculating on its own).
   */
  recalculate(signal?: AbortSignal): Promise<void>;

  readonly store: WorkbookStore;
}

/** The wait for Excel's calculation was aborted by the caller's signal. */
export class CalculationWaitAborted extends Error {
  constructor() {
    super("stopped waiting for Excel's calculation");
    this.name = "CalculationWaitAborted";
  }
}

/** A wait of `ms` milliseconds that ends early (rejecting with CalculationWaitAborted) when the signal is aborted. */
export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new CalculationWaitAborted());
    const onAbort = () => {
      clearTimeout(timer);
      reject(new CalculationWaitAborted());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/** Excel's rules for a sheet name: 1–31 characters, none of \ / ? * [ ] :, no quote at either end. */
export function sheetNameProblem(name: string): string | undefined {
  if (name.trim() === "") return "a sheet name cannot be blank";
  if (name.length > 31) return `"${name}" is longer than Excel's 31 characters for a sheet name`;
  if (/[\\/?*[\]:]/.test(name)) return `"${name}" contains one of \\ / ? * [ ] :, which Excel does not allow in a sheet name`;
  if (name.startsWith("'") || name.endsWith("'")) return `"${name}" starts or ends with an apostrophe, which Excel does not allow`;
  if (name.toLowerCase() === "history") return '"History" is reserved by Excel';
  return undefined;
}

/**
 * `preferred`, or `preferred (2)`, `(3)`, … — the first name not in `taken` (compared without case, as
 * Excel does), shortened so that it stays within 31 characters.
 */
export function uniqueSheetName(preferred: string, taken: readonly string[]): string {
  const cleaned = preferred.replace(/[\\/?*[\]:]/g, " ").replace(/^'+|'+$/g, "").trim() || "Sheet";
  const used = new Set(taken.map((t) => t.toLowerCase()));
  for (let k = 1; ; k++) {
    const suffix = k === 1 ? "" : ` (${k})`;
    const name = cleaned.slice(0, 31 - suffix.length).trimEnd() + suffix;
    if (!used.has(name.toLowerCase())) return name;
  }
}

/** Excel's rules for a table name: starts with a letter, "_" or "\", then letters, digits, "_" and "."; not a cell reference. */
export function tableNameProblem(name: string): string | undefined {
  if (!/^[A-Za-z_\\][A-Za-z0-9_.\\]*$/.test(name)) return `"${name}" is not a table name Excel accepts (letters, digits, "_" and ".", starting with a letter or "_")`;
  if (name.length > 255) return `"${name}" is longer than 255 characters`;
  if (/^[A-Za-z]{1,3}\d+$/.test(name) || /^[RrCc]$/.test(name) || /^[Rr]\d*[Cc]\d*$/.test(name)) return `"${name}" looks like a cell reference, which Excel does not allow as a table name`;
  return undefined;
}

/**
 * Splits `rowCount` rows of `columnCount` cells into [from, to) chunks of at most `maxCells` cells
 * (at least one row each): Office.js requests have a size limit (about 5 MB on the web), so large
 * writes and reads go in several batches.
 */
export function rowChunks(rowCount: number, columnCount: number, maxCells: number): [number, number][] {
  const per = Math.max(1, Math.floor(maxCells / Math.max(1, columnCount)));
  const out: [number, number][] = [];
  for (let from = 0; from < rowCount; from += per) out.push([from, Math.min(rowCount, from + per)]);
  return out;
}

/** null → "" (Office.js treats null as "leave the cell unchanged"; the pane always means "blank"). */
export function toCellInputs(rows: readonly (readonly CellInput[])[]): Cell[][] {
  return rows.map((row) => row.map((c) => (c === null || c === undefined ? "" : c)));
}

/** The address's rows × columns must match the matrix written into it. */
export function checkShape(address: string, rows: number, columns: number, values: readonly (readonly unknown[])[]): void {
  if (values.length !== rows || values.some((r) => r.length !== columns)) {
    const got = `${values.length} × ${values[0]?.length ?? 0}`;
    throw new Error(`${address} is ${rows} × ${columns} cells but ${got} values were given`);
  }
}
