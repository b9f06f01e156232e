import { MAX_COLUMNS, columnCount, overlaps, parseAddress, rangeAddress, rowCount, sameSheet, type RangeRef } from "./address";
import { checkShape, sheetNameProblem, tableNameProblem, type BarChart, type CalculationMode, type Cell, type CellInput, type RangeFormat } from "./workbook";

/**
 * An in-memory workbook with synchronous operations: the model behind MemoryWorkbook (the pane's
 * workbook interface in tests) and behind the fake Office host of the browser test. It keeps values,
 * formulas (as text), number formats, tables, charts, the selection, the calculation mode and a
 * key–value store. It does not evaluate formulas: an optional `recalc` hook plays Excel's calculation
 * engine, computing the cells of a model as a JavaScript function of its inputs.
 */
export interface MemoryCell {
  value: Cell;
  /** Formula text ("=B2*2") when the cell holds a formula. */
  formula?: string;
  numberFormat?: string;
  bold?: boolean;
  /** The anchor ("Sheet!A1") of the dynamic-array spill this cell is part of (anchor included). */
  spillAnchor?: string;
  /** The range of the legacy (Ctrl+Shift+Enter) array formula this cell belongs to. */
  arrayFormula?: string;
}

/**
 * What Excel makes of a string written through Range.formulas (or typed) into a General cell: a leading
 * apostrophe keeps the rest as text (and is not part of the value); numeric-looking text becomes a number
 * ("007" → 7, "1,234.5" → 1234.5, "5%" → 0.05, "1e3" → 1000); TRUE/FALSE become booleans. Dates ("1/2")
 * are not modelled.
 */
export function parseTyped(text: string): Cell {
  if (text.startsWith("'")) return text.slice(1);
  const t = text.trim();
  if (/^(true|false)$/i.test(t)) return t.toLowerCase() === "true";
  const m = /^([+-]?)((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d*)?|\.\d+)(e[+-]?\d+)?(%?)$/i.exec(t);
  if (!m) return text;
  const x = Number(`${m[1]}${(m[2] as string).replace(/,/g, "")}${m[3] ?? ""}`);
  if (!Number.isFinite(x)) return text;
  return m[4] === "%" ? x / 100 : x;
}

export interface MemorySheet {
  name: string;
  cells: Map<number, MemoryCell>;
}

export interface MemoryTable {
  name: string;
  sheet: string;
  /** Header row included; no sheet in the ref. */
  ref: RangeRef;
}

export interface MemoryChart extends BarChart {
  type: "barClustered";
}

export interface MemoryBookOptions {
  /** Excel's calculation: called by calculate() and, in automatic mode, after every write. */
  recalc?: (book: MemoryBook) => void;
  /** Sheets to start with (default one sheet, "Sheet1"). */
  sheets?: string[];
}

const key = (row: number, column: number) => row * MAX_COLUMNS + column;

export class MemoryBook {
  readonly sheets: MemorySheet[] = [];
  readonly tables: MemoryTable[] = [];
  readonly charts: MemoryChart[] = [];
  readonly store = new Map<string, string>();
  calculationMode: CalculationMode = "automatic";
  activeSheet: string;
  selection: string;
  /** How many times the model was calculated; how many range writes happened (for tests). */
  recalcCount = 0;
  writeCount = 0;
  recalc?: (book: MemoryBook) => void;
  /** The error of the last automatic calculation after a write, if it failed. */
  lastCalculationError: unknown;

  constructor(options: MemoryBookOptions = {}) {
    this.recalc = options.recalc;
    for (const name of options.sheets ?? ["Sheet1"]) this.addSheet(name);
    this.activeSheet = this.sheets[0]?.name ?? "Sheet1";
    this.selection = `${this.activeSheet}!A1`;
  }

  // ---- sheets

  sheetNames(): string[] {
    return this.sheets.map((s) => s.name);
  }

  findSheet(name: string): MemorySheet | undefined {
    return this.sheets.find((s) => sameSheet(s.name, name));
  }

  sheet(name: string): MemorySheet {
    const s = this.findSheet(name);
    if (!s) throw new Error(`the workbook has no sheet "${name}"`);
    return s;
  }

  addSheet(name: string): MemorySheet {
    const problem = sheetNameProblem(name);
    if (problem) throw new Error(problem);
    if (this.findSheet(name)) throw new Error(`a sheet named "${name}" already exists`);
    const sheet: MemorySheet = { name, cells: new Map() };
    this.sheets.push(sheet);
    return sheet;
  }

  // ---- ranges

  /** The sheet and the cells of an address (the active sheet when it names none). */
  resolve(address: string): { sheet: MemorySheet; ref: RangeRef } {
    const ref = parseAddress(address);
    return { sheet: this.sheet(ref.sheet ?? this.activeSheet), ref };
  }

  private map<T>(address: string, f: (cell: MemoryCell | undefined) => T): T[][] {
    const { sheet, ref } = this.resolve(address);
    const out: T[][] = [];
    for (let r = ref.start.row; r <= ref.end.row; r++) {
      const row: T[] = [];
      for (let c = ref.start.column; c <= ref.end.column; c++) row.push(f(sheet.cells.get(key(r, c))));
      out.push(row);
    }
    return out;
  }

  values(address: string): Cell[][] {
    return this.map(address, (cell) => cell?.value ?? "");
  }

  formulas(address: string): Cell[][] {
    return this.map(address, (cell) => cell?.formula ?? cell?.value ?? "");
  }

  numberFormats(address: string): string[][] {
    return this.map(address, (cell) => cell?.numberFormat ?? "General");
  }

  /** One cell's value. */
  value(address: string): Cell {
    return this.values(address)[0]?.[0] ?? "";
  }

  /** Marks cells as a dynamic-array spill of the formula in `anchor` (the anchor is the range's first cell): reading their formulas gives their values, as in Excel. */
  markSpill(address: string, anchorFormula: string): void {
    const { sheet, ref } = this.resolve(address);
    const anchor = rangeAddress({ sheet: sheet.name, start: ref.start, end: ref.start });
    for (let r = ref.start.row; r <= ref.end.row; r++) {
      for (let c = ref.start.column; c <= ref.end.column; c++) {
        const k = key(r, c);
        const cell: MemoryCell = { ...(sheet.cells.get(k) ?? { value: "" }), spillAnchor: anchor };
        if (r === ref.start.row && c === ref.start.column) cell.formula = anchorFormula;
        else delete cell.formula;
        sheet.cells.set(k, cell);
      }
    }
  }

  /** Marks a range as one legacy array formula (Ctrl+Shift+Enter): Excel refuses writes into part of it. */
  markArrayFormula(address: string, formula: string): void {
    const { sheet, ref } = this.resolve(address);
    const whole = rangeAddress({ ...ref, sheet: sheet.name });
    for (let r = ref.start.row; r <= ref.end.row; r++) {
      for (let c = ref.start.column; c <= ref.end.column; c++) {
        const k = key(r, c);
        sheet.cells.set(k, { ...(sheet.cells.get(k) ?? { value: "" }), formula, arrayFormula: whole });
      }
    }
  }

  /** The cells of a range that are part of a spill, with their anchors. */
  spillCells(address: string): { address: string; anchor: string }[] {
    const { sheet, ref } = this.resolve(address);
    const out: { address: string; anchor: string }[] = [];
    for (let r = ref.start.row; r <= ref.end.row; r++) {
      for (let c = ref.start.column; c <= ref.end.column; c++) {
        const anchor = sheet.cells.get(key(r, c))?.spillAnchor;
        if (anchor !== undefined) out.push({ address: rangeAddress({ sheet: sheet.name, start: { row: r, column: c }, end: { row: r, column: c } }), anchor });
      }
    }
    return out;
  }

  /**
   * Writes a matrix as Office.js does: `keepNull` — null leaves the cell unchanged (Range.formulas with
   * null entries), else null clears it; with `asFormulas`, strings are parsed as typed (parseTyped). A
   * write into part of a legacy array formula fails as a whole; a write into a spilled cell makes the
   * spill's anchor show #SPILL!.
   */
  private write(address: string, values: readonly (readonly (CellInput | undefined)[])[], asFormulas: boolean, keepNull = false): void {
    const { sheet, ref } = this.resolve(address);
    checkShape(address, rowCount(ref), columnCount(ref), values);
    values.forEach((row, i) =>
      row.forEach((input, j) => {
        if (keepNull && (input === null || input === undefined)) return;
        const array = sheet.cells.get(key(ref.start.row + i, ref.start.column + j))?.arrayFormula;
        if (array !== undefined) throw new Error(`You can't change part of an array (${array}).`);
      }),
    );
    values.forEach((row, i) =>
      row.forEach((raw, j) => {
        if (keepNull && (raw === null || raw === undefined)) return;
        const k = key(ref.start.row + i, ref.start.column + j);
        const old = sheet.cells.get(k);
        const input = asFormulas && typeof raw === "string" && !raw.startsWith("=") ? parseTyped(raw) : raw;
        if (old?.spillAnchor !== undefined && old.formula === undefined) {
          // a constant written into a spill range blocks the spill: the anchor shows #SPILL!
          const anchor = this.resolve(old.spillAnchor);
          const ak = key(anchor.ref.start.row, anchor.ref.start.column);
          const a = anchor.sheet.cells.get(ak);
          if (a) anchor.sheet.cells.set(ak, { ...a, value: "#SPILL!" });
        }
        const blank = input === null || input === undefined || input === "";
        const formula = asFormulas && typeof input === "string" && input.startsWith("=") ? input : undefined;
        if (blank && !old?.numberFormat && !old?.bold) {
          sheet.cells.delete(k);
          return;
        }
        const cell: MemoryCell = { value: blank ? "" : formula !== undefined ? (old?.value ?? "") : (input as Cell) };
        if (formula !== undefined) cell.formula = formula;
        if (old?.numberFormat) cell.numberFormat = old.numberFormat;
        if (old?.bold) cell.bold = old.bold;
        sheet.cells.set(k, cell);
      }),
    );
    this.writeCount++;
    if (this.calculationMode !== "manual") {
      // as in Excel, a write succeeds even when the model it triggers fails to calculate
      try {
        this.calculate();
      } catch (e) {
        this.lastCalculationError = e;
      }
    }
  }

  setValues(address: string, values: readonly (readonly CellInput[])[]): void {
    this.write(address, values, false);
  }

  setFormulas(address: string, formulas: readonly (readonly CellInput[])[]): void {
    this.write(address, formulas, true);
  }

  /** Like setFormulas, but a null entry leaves its cell unchanged (Office.js's meaning). */
  patchFormulas(address: string, formulas: readonly (readonly CellInput[])[]): void {
    this.write(address, formulas, true, true);
  }

  /** Clears every cell of a sheet and removes its charts. */
  clearSheet(name: string): void {
    const sheet = this.sheet(name);
    sheet.cells.clear();
    for (let i = this.charts.length - 1; i >= 0; i--) if (sameSheet((this.charts[i] as MemoryChart).sheet, sheet.name)) this.charts.splice(i, 1);
  }

  /** Sets the value a formula cell shows (what the recalc hook computes), keeping its formula. */
  setComputed(address: string, value: Cell): void {
    const { sheet, ref } = this.resolve(address);
    const k = key(ref.start.row, ref.start.column);
    const old = sheet.cells.get(k);
    sheet.cells.set(k, { ...old, value });
  }

  clear(address: string): void {
    const { sheet, ref } = this.resolve(address);
    for (let r = ref.start.row; r <= ref.end.row; r++) for (let c = ref.start.column; c <= ref.end.column; c++) sheet.cells.delete(key(r, c));
  }

  isBlank(address: string): boolean {
    const { sheet, ref } = this.resolve(address);
    for (const [k, cell] of sheet.cells) {
      const r = Math.floor(k / MAX_COLUMNS);
      const c = k % MAX_COLUMNS;
      if (r >= ref.start.row && r <= ref.end.row && c >= ref.start.column && c <= ref.end.column && (cell.formula !== undefined || cell.value !== "")) return false;
    }
    return true;
  }

  format(address: string, format: RangeFormat): void {
    const { sheet, ref } = this.resolve(address);
    for (let r = ref.start.row; r <= ref.end.row; r++) {
      for (let c = ref.start.column; c <= ref.end.column; c++) {
        const k = key(r, c);
        const cell: MemoryCell = { ...(sheet.cells.get(k) ?? { value: "" }) };
        if (format.numberFormat !== undefined) cell.numberFormat = format.numberFormat;
        if (format.bold !== undefined) cell.bold = format.bold;
        sheet.cells.set(k, cell);
      }
    }
  }

  /** The smallest range holding every non-blank cell of a sheet, or undefined for an empty sheet. */
  usedRange(sheetName: string): string | undefined {
    const sheet = this.sheet(sheetName);
    let r0 = Infinity, c0 = Infinity, r1 = -1, c1 = -1;
    for (const [k, cell] of sheet.cells) {
      if (cell.value === "" && cell.formula === undefined) continue;
      const r = Math.floor(k / MAX_COLUMNS);
      const c = k % MAX_COLUMNS;
      r0 = Math.min(r0, r);
      c0 = Math.min(c0, c);
      r1 = Math.max(r1, r);
      c1 = Math.max(c1, c);
    }
    if (r1 < 0) return undefined;
    return rangeAddress({ sheet: sheet.name, start: { row: r0, column: c0 }, end: { row: r1, column: c1 } });
  }

  select(address: string): void {
    const { sheet, ref } = this.resolve(address);
    this.activeSheet = sheet.name;
    this.selection = rangeAddress({ ...ref, sheet: sheet.name });
  }

  // ---- tables

  findTable(name: string): MemoryTable | undefined {
    return this.tables.find((t) => t.name.toLowerCase() === name.toLowerCase());
  }

  table(name: string): MemoryTable {
    const t = this.findTable(name);
    if (!t) throw new Error(`the workbook has no table "${name}"`);
    return t;
  }

  tableAddress(t: MemoryTable): string {
    return rangeAddress({ ...t.ref, sheet: t.sheet });
  }

  /**
   * Makes a range (header row first) a table, as Excel's tables.add(address, true) does: header cells
   * become text; blank headers become Column1, Column2, …; a repeated header gets a number (x2).
   */
  addTable(name: string, address: string): MemoryTable {
    const problem = tableNameProblem(name);
    if (problem) throw new Error(problem);
    if (this.findTable(name)) throw new Error(`a table named "${name}" already exists`);
    const { sheet, ref } = this.resolve(address);
    const bare: RangeRef = { start: ref.start, end: ref.end };
    const clash = this.tables.find((t) => sameSheet(t.sheet, sheet.name) && overlaps(t.ref, bare));
    if (clash) throw new Error(`the range ${address} overlaps the table "${clash.name}"`);
    if (rowCount(ref) < 2) throw new Error(`a table needs a header row and at least one row (${address})`);
    const headerRef = rangeAddress({ sheet: sheet.name, start: ref.start, end: { row: ref.start.row, column: ref.end.column } });
    const seen = new Set<string>();
    const header = (this.values(headerRef)[0] ?? []).map((h, c) => {
      let text = h === "" ? `Column${c + 1}` : String(h);
      if (seen.has(text.toLowerCase())) {
        let k = 2;
        while (seen.has(`${text}${k}`.toLowerCase())) k++;
        text = `${text}${k}`;
      }
      seen.add(text.toLowerCase());
      return text;
    });
    const mode = this.calculationMode;
    this.calculationMode = "manual";
    this.setValues(headerRef, [header]);
    this.calculationMode = mode;
    const table: MemoryTable = { name, sheet: sheet.name, ref: bare };
    this.tables.push(table);
    return table;
  }

  deleteTable(name: string, clearCells: boolean): void {
    const t = this.table(name);
    if (clearCells) this.clear(this.tableAddress(t));
    this.tables.splice(this.tables.indexOf(t), 1);
  }

  // ---- charts and calculation

  addChart(chart: BarChart): MemoryChart {
    this.sheet(chart.sheet);
    this.resolve(chart.source);
    const c: MemoryChart = { ...chart, type: "barClustered" };
    this.charts.push(c);
    return c;
  }

  calculate(): void {
    this.recalcCount++;
    this.recalc?.(this);
  }
}
