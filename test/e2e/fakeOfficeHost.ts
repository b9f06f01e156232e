/**
 * A FAKE Office host for the task pane's browser test, served in place of Microsoft's office.js: the
 * `Office` and `Excel` globals with the part of the Excel JavaScript API that officeWorkbook.ts uses,
 * backed by an in-memory workbook (src/taskpane/workbook/memoryBook.ts). Bundled by esbuild (IIFE) in
 * the test. Operations apply at once (Office.js would queue them until context.sync(); the pane's code
 * is linted for Office's load/sync rules by eslint-plugin-office-addins). Each context.sync() counts as
 * one request. After calculate(), calculationState reads "Calculating" for `calcDelayMs`, like a slow
 * model; the test uses it to cancel a run mid-way.
 *
 * window.__fakeExcel exposes the book, the custom XML parts and the knobs to the test;
 * window.__fakeExcelSetup (set by an init script before this loads) may pre-seed custom XML parts.
 */
import { parseAddress, rangeAddress, type RangeRef } from "../../src/taskpane/workbook/address";
import { MemoryBook, type MemoryChart } from "../../src/taskpane/workbook/memoryBook";
import { tableNameProblem } from "../../src/taskpane/workbook/workbook";
import { recalcModel, setUpModel } from "./taskpaneModel";

interface Setup {
  xmlParts?: string[];
  /** Model cells to start with (e.g. shocked inputs left by a crash): address → formulas. */
  cells?: Record<string, (string | number)[][]>;
}

const setup: Setup = (globalThis as { __fakeExcelSetup?: Setup }).__fakeExcelSetup ?? {};
const book = new MemoryBook({ sheets: ["Sheet1"] });
setUpModel(book);
book.recalc = recalcModel;
for (const [address, cells] of Object.entries(setup.cells ?? {})) book.setFormulas(address, cells);
book.select("Sheet1!A1");

const xmlParts = new Map<string, string>();
let nextPart = 1;
for (const xml of setup.xmlParts ?? []) xmlParts.set(`{part-${nextPart++}}`, xml);

const control = {
  book,
  xmlParts,
  calcDelayMs: 0,
  busyUntil: 0,
  requests: 0,
  /** The cells of every Excel table, header row first (the browser test computes the engine's figures from them). */
  tableCells(): { name: string; cells: unknown[][] }[] {
    return book.tables.map((t) => ({ name: t.name, cells: book.values(rangeAddress({ sheet: t.sheet, start: t.ref.start, end: t.ref.end })) }));
  },
  /** Every cell of a sheet: formula or value, by address (for before/after comparisons). */
  snapshot(sheet: string): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    const s = book.sheet(sheet);
    for (const [k, c] of s.cells) out[String(k)] = c.formula ?? c.value;
    return out;
  },
};
(globalThis as { __fakeExcel?: typeof control }).__fakeExcel = control;

class OfficeError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "RichApi.Error";
  }
}

const bare = (ref: RangeRef): RangeRef => ({ start: ref.start, end: ref.end });

class FakeRange {
  readonly isNullObject: boolean;
  readonly format: { font: { bold: boolean }; autofitColumns(): void };
  constructor(
    readonly sheet: string,
    readonly ref: RangeRef,
    isNull = false,
  ) {
    this.isNullObject = isNull;
    const addr = () => this.address;
    this.format = {
      font: {
        get bold() {
          return false;
        },
        set bold(b: boolean) {
          book.format(addr(), { bold: b });
        },
      },
      autofitColumns() {},
    };
  }
  load(): this {
    return this;
  }
  private alive(): void {
    if (this.isNullObject) throw new OfficeError("InvalidOperation", "The object is a null object");
  }
  get address(): string {
    this.alive();
    return rangeAddress({ ...bare(this.ref), sheet: this.sheet });
  }
  get rowCount(): number {
    return this.ref.end.row - this.ref.start.row + 1;
  }
  get columnCount(): number {
    return this.ref.end.column - this.ref.start.column + 1;
  }
  get values(): unknown[][] {
    return book.values(this.address);
  }
  set values(v: unknown[][]) {
    book.setValues(this.address, v as never);
  }
  get formulas(): unknown[][] {
    return book.formulas(this.address);
  }
  set formulas(v: unknown[][]) {
    // as Office.js: a null entry leaves its cell unchanged; strings are parsed as typed
    book.patchFormulas(this.address, v as never);
  }
  /** ExcelApi 1.12: true when every cell has a spill border, false when none has, null when mixed. */
  get hasSpill(): boolean | null {
    const n = book.spillCells(this.address).length;
    return n === 0 ? false : n === this.rowCount * this.columnCount ? true : null;
  }
  getSpillParentOrNullObject(): FakeRange {
    const cell = book.spillCells(this.address)[0];
    if (this.rowCount * this.columnCount !== 1 || cell === undefined || cell.anchor === cell.address) return new FakeRange(this.sheet, this.ref, true);
    const anchor = parseAddress(cell.anchor);
    return new FakeRange(anchor.sheet ?? this.sheet, bare(anchor));
  }
  getSpillingToRangeOrNullObject(): FakeRange {
    const cell = book.spillCells(this.address)[0];
    return this.rowCount * this.columnCount === 1 && cell !== undefined && cell.anchor === cell.address ? this : new FakeRange(this.sheet, this.ref, true);
  }
  set numberFormat(f: string | string[][]) {
    if (typeof f === "string") book.format(this.address, { numberFormat: f });
    else throw new OfficeError("InvalidArgument", "the fake host takes one number format for a range");
  }
  getRow(i: number): FakeRange {
    const row = this.ref.start.row + i;
    return new FakeRange(this.sheet, { start: { row, column: this.ref.start.column }, end: { row, column: this.ref.end.column } });
  }
  getResizedRange(rows: number, columns: number): FakeRange {
    return new FakeRange(this.sheet, { start: this.ref.start, end: { row: this.ref.end.row + rows, column: this.ref.end.column + columns } });
  }
  getUsedRangeOrNullObject(): FakeRange {
    return book.isBlank(this.address) ? new FakeRange(this.sheet, this.ref, true) : this;
  }
  clear(): void {
    book.clear(this.address);
  }
  select(): void {
    book.select(this.address);
  }
}

/** The whole sheet (worksheet.getRange() without an address): clearing it clears every cell. */
class FakeSheetRange extends FakeRange {
  constructor(name: string) {
    super(name, { start: { row: 0, column: 0 }, end: { row: 0, column: 0 } });
  }
  override clear(): void {
    const charts = book.charts.filter((c) => c.sheet === this.sheet);
    book.clearSheet(this.sheet);
    book.charts.push(...charts); // charts are removed one by one through worksheet.charts, as in Excel
  }
}

class FakeChart {
  readonly title: { text: string };
  readonly legend = { visible: true };
  constructor(private readonly chart: MemoryChart) {
    this.title = {
      get text() {
        return chart.title;
      },
      set text(t: string) {
        chart.title = t;
      },
    };
  }
  setPosition(start: string, end?: string): void {
    this.chart.anchor = start;
    if (end !== undefined) this.chart.anchorEnd = end;
  }
}

class FakeTable {
  constructor(private tableName: string) {}
  private get t() {
    return book.table(this.tableName);
  }
  load(): this {
    return this;
  }
  get name(): string {
    return this.t.name;
  }
  set name(n: string) {
    const problem = tableNameProblem(n);
    if (problem) throw new OfficeError("InvalidArgument", problem);
    if (book.findTable(n) && book.findTable(n) !== this.t) throw new OfficeError("InvalidArgument", `A table named ${n} already exists`);
    this.t.name = n;
    this.tableName = n;
  }
  get worksheet(): FakeWorksheet {
    return new FakeWorksheet(this.t.sheet);
  }
  getRange(): FakeRange {
    return new FakeRange(this.t.sheet, this.t.ref);
  }
  getHeaderRowRange(): FakeRange {
    return this.getRange().getRow(0);
  }
  getDataBodyRange(): FakeRange {
    const r = this.t.ref;
    return new FakeRange(this.t.sheet, { start: { row: r.start.row + 1, column: r.start.column }, end: r.end });
  }
  delete(): void {
    book.deleteTable(this.tableName, false);
  }
}

let tableCount = 0;

class FakeWorksheet {
  constructor(readonly name: string) {}
  load(): this {
    return this;
  }
  get isNullObject(): boolean {
    return false;
  }
  getRange(cells?: string): FakeRange {
    if (cells === undefined) return new FakeSheetRange(this.name);
    return new FakeRange(this.name, bare(parseAddress(cells)));
  }
  getCell(row: number, column: number): FakeRange {
    return new FakeRange(this.name, { start: { row, column }, end: { row, column } });
  }
  getUsedRangeOrNullObject(): FakeRange {
    const used = book.usedRange(this.name);
    return used === undefined ? new FakeRange(this.name, { start: { row: 0, column: 0 }, end: { row: 0, column: 0 } }, true) : new FakeRange(this.name, bare(parseAddress(used)));
  }
  activate(): void {
    book.activeSheet = this.name;
  }
  readonly tables = {
    add: (address: string, hasHeaders: boolean): FakeTable => {
      if (!hasHeaders) throw new OfficeError("InvalidArgument", "the fake host only makes tables with headers");
      const name = `Table${++tableCount}`;
      book.addTable(name, rangeAddress({ ...bare(parseAddress(address)), sheet: this.name }));
      return new FakeTable(name);
    },
  };
  readonly charts = {
    load: () => ({
      items: book.charts
        .filter((c) => c.sheet === this.name)
        .map((c) => ({ name: c.title, delete: () => void book.charts.splice(book.charts.indexOf(c), 1) })),
    }),
    add: (type: string, source: FakeRange, seriesBy: string): FakeChart => {
      if (type !== "BarClustered" || seriesBy !== "Columns") throw new OfficeError("InvalidArgument", `unexpected chart ${type} by ${seriesBy}`);
      return new FakeChart(book.addChart({ sheet: this.name, source: source.address, title: "", anchor: "A1" }));
    },
  };
}

const MODE_NAMES: Record<string, string> = { automatic: "Automatic", automaticExceptTables: "AutomaticExceptTables", manual: "Manual" };

const application = {
  load() {
    return this;
  },
  get calculationMode(): string {
    return MODE_NAMES[book.calculationMode] ?? "Automatic";
  },
  set calculationMode(m: string) {
    const mode = Object.entries(MODE_NAMES).find(([, v]) => v === m)?.[0];
    if (!mode) throw new OfficeError("InvalidArgument", `calculation mode ${m}`);
    book.calculationMode = mode as typeof book.calculationMode;
  },
  get calculationState(): string {
    return Date.now() < control.busyUntil ? "Calculating" : "Done";
  },
  calculate(): void {
    book.calculate();
    control.busyUntil = Date.now() + control.calcDelayMs;
  },
  suspendApiCalculationUntilNextSync(): void {},
  suspendScreenUpdatingUntilNextSync(): void {},
};

function part(id: string) {
  return {
    id,
    getXml: () => ({ value: xmlParts.get(id) ?? "" }),
    setXml: (xml: string) => void xmlParts.set(id, xml),
    delete: () => void xmlParts.delete(id),
  };
}

const workbook = {
  application,
  worksheets: {
    load() {
      return this;
    },
    get items() {
      return book.sheetNames().map((n) => new FakeWorksheet(n));
    },
    getItem(name: string): FakeWorksheet {
      const s = book.findSheet(name);
      if (!s) throw new OfficeError("ItemNotFound", `The requested resource doesn't exist: sheet ${name}`);
      return new FakeWorksheet(s.name);
    },
    getItemOrNullObject(name: string) {
      const s = book.findSheet(name);
      return s ? new FakeWorksheet(s.name) : { isNullObject: true };
    },
    add(name: string): FakeWorksheet {
      return new FakeWorksheet(book.addSheet(name).name);
    },
    getActiveWorksheet(): FakeWorksheet {
      return new FakeWorksheet(book.activeSheet);
    },
  },
  tables: {
    load() {
      return this;
    },
    get items() {
      return book.tables.map((t) => new FakeTable(t.name));
    },
    getItem(name: string): FakeTable {
      const t = book.findTable(name);
      if (!t) throw new OfficeError("ItemNotFound", `The requested resource doesn't exist: table ${name}`);
      return new FakeTable(t.name);
    },
  },
  getSelectedRange(): FakeRange {
    const ref = parseAddress(book.selection);
    return new FakeRange(ref.sheet ?? book.activeSheet, bare(ref));
  },
  customXmlParts: {
    getByNamespace(ns: string) {
      return {
        load() {
          return this;
        },
        get items() {
          return [...xmlParts.entries()].filter(([, xml]) => xml.includes(`xmlns="${ns}"`)).map(([id]) => part(id));
        },
      };
    },
    getItem(id: string) {
      if (!xmlParts.has(id)) throw new OfficeError("ItemNotFound", `custom XML part ${id}`);
      return part(id);
    },
    add(xml: string) {
      const id = `{part-${nextPart++}}`;
      xmlParts.set(id, xml);
      return part(id);
    },
  },
};

const Excel = {
  async run<T>(batch: (context: unknown) => Promise<T>): Promise<T> {
    const context = {
      workbook,
      application,
      sync: async () => {
        control.requests++;
        await new Promise((resolve) => setTimeout(resolve, 0));
      },
    };
    return batch(context);
  },
};

const info = { host: "Excel", platform: "OfficeOnline" };
const Office = {
  HostType: { Excel: "Excel" },
  PlatformType: { OfficeOnline: "OfficeOnline" },
  context: { requirements: { isSetSupported: () => true } },
  onReady(callback?: (i: typeof info) => void): Promise<typeof info> {
    return new Promise((resolve) =>
      setTimeout(() => {
        callback?.(info);
        resolve(info);
      }, 0),
    );
  },
};

class CustomFunctionsError extends Error {
  constructor(
    readonly code: string,
    message?: string,
  ) {
    super(message ?? "");
  }
}

Object.assign(globalThis, {
  Office,
  Excel,
  CustomFunctions: { associate() {}, Error: CustomFunctionsError, ErrorCode: { invalidValue: "#VALUE!", notAvailable: "#N/A", invalidNumber: "#NUM!" } },
});
