import { columnCount, parseAddress, rangeAddress, resize, rowCount, rowSlice } from "./address";
import { MemoryBook, type MemoryBookOptions } from "./memoryBook";
import {
  abortableSleep,
  checkShape,
  rowChunks,
  uniqueSheetName,
  type BarChart,
  type CalculationMode,
  type Cell,
  type Cells,
  type CellInput,
  type NewTable,
  type RangeFormat,
  type TableContent,
  type TableInfo,
  type Workbook,
  type WorkbookStore,
} from "./workbook";

export interface MemoryWorkbookOptions extends MemoryBookOptions {
  /** An existing book to work on (a "reopened" workbook in crash tests); a new one otherwise. */
  book?: MemoryBook;
  /** Cells per write request, as officeWorkbook.ts chunks them (tests lower it to see chunking). */
  maxCellsPerRequest?: number;
  /** Called before every operation with its name; throwing there simulates a failing Excel. */
  beforeCall?: (operation: string, args: readonly unknown[]) => void;
  /** How long Excel takes to calculate, in milliseconds: recalculate() waits this long (cancellable by its signal). */
  calculationMs?: number;
}

/**
 * The workbook interface on an in-memory book (memoryBook.ts). Every call is asynchronous like its
 * Office.js counterpart; writes are chunked the same way, so tests see the same sequence of requests.
 */
export class MemoryWorkbook implements Workbook {
  readonly book: MemoryBook;
  readonly store: WorkbookStore;
  private readonly maxCells: number;
  private readonly beforeCall?: (operation: string, args: readonly unknown[]) => void;
  private readonly calculationMs: number;

  constructor(options: MemoryWorkbookOptions = {}) {
    this.book = options.book ?? new MemoryBook(options);
    if (options.book && options.recalc) this.book.recalc = options.recalc;
    this.maxCells = options.maxCellsPerRequest ?? 20_000;
    this.beforeCall = options.beforeCall;
    this.calculationMs = options.calculationMs ?? 0;
    const book = this.book;
    const call = this.call.bind(this);
    this.store = {
      get: (k) => call("store.get", [k], () => book.store.get(k)),
      set: (k, v) => call("store.set", [k, v], () => void book.store.set(k, v)),
      delete: (k) => call("store.delete", [k], () => void book.store.delete(k)),
      keys: (prefix = "") => call("store.keys", [prefix], () => [...book.store.keys()].filter((k) => k.startsWith(prefix)).sort()),
    };
  }

  private async call<T>(operation: string, args: readonly unknown[], f: () => T): Promise<T> {
    await Promise.resolve();
    this.beforeCall?.(operation, args);
    return f();
  }

  listSheets(): Promise<string[]> {
    return this.call("listSheets", [], () => this.book.sheetNames());
  }

  sheetExists(name: string): Promise<boolean> {
    return this.call("sheetExists", [name], () => this.book.findSheet(name) !== undefined);
  }

  usedRange(sheet: string): Promise<string | undefined> {
    return this.call("usedRange", [sheet], () => this.book.usedRange(sheet));
  }

  addSheet(preferred: string): Promise<string> {
    return this.call("addSheet", [preferred], () => this.book.addSheet(uniqueSheetName(preferred, this.book.sheetNames())).name);
  }

  private info(name: string): TableInfo {
    const t = this.book.table(name);
    return { name: t.name, sheet: t.sheet, address: this.book.tableAddress(t), rowCount: rowCount(t.ref) - 1, columnCount: columnCount(t.ref) };
  }

  listTables(): Promise<TableInfo[]> {
    return this.call("listTables", [], () => this.book.tables.map((t) => this.info(t.name)));
  }

  tableNames(): Promise<string[]> {
    return this.call("tableNames", [], () => this.book.tables.map((t) => t.name));
  }

  async createTable(table: NewTable): Promise<TableInfo> {
    const top = parseAddress(table.topLeft, table.sheet);
    const whole = resize(top, table.rows.length + 1, table.header.length);
    const address = rangeAddress(whole);
    await this.writeValues(address, [[...table.header], ...table.rows]);
    table.numberFormats?.forEach((f, c) => {
      if (f !== undefined && table.rows.length > 0) this.book.format(rangeAddress({ sheet: whole.sheet, start: { row: whole.start.row + 1, column: whole.start.column + c }, end: { row: whole.end.row, column: whole.start.column + c } }), { numberFormat: f });
    });
    return this.call("createTable", [table.name], () => {
      this.book.addTable(table.name, address);
      return this.info(table.name);
    });
  }

  readTable(name: string): Promise<TableContent> {
    return this.call("readTable", [name], () => {
      const info = this.info(name);
      const [header = [], ...rows] = this.book.values(info.address);
      return { ...info, header: header.map(String), rows };
    });
  }

  deleteTable(name: string): Promise<void> {
    return this.call("deleteTable", [name], () => this.book.deleteTable(name, true));
  }

  readValues(address: string): Promise<Cells> {
    return this.call("readValues", [address], () => this.book.values(address));
  }

  readFormulas(address: string): Promise<Cells> {
    return this.call("readFormulas", [address], () => this.book.formulas(address));
  }

  private async writeChunked(operation: string, address: string, values: readonly (readonly CellInput[])[], formulas: boolean): Promise<void> {
    const ref = parseAddress(address);
    checkShape(address, rowCount(ref), columnCount(ref), values);
    for (const [from, to] of rowChunks(values.length, values[0]?.length ?? 0, this.maxCells)) {
      const part = rangeAddress(rowSlice(ref, from, to));
      await this.call(operation, [part], () => (formulas ? this.book.setFormulas(part, values.slice(from, to)) : this.book.setValues(part, values.slice(from, to))));
    }
  }

  writeValues(address: string, values: readonly (readonly CellInput[])[]): Promise<void> {
    return this.writeChunked("writeValues", address, values, false);
  }

  writeFormulas(address: string, formulas: readonly (readonly CellInput[])[]): Promise<void> {
    return this.writeChunked("writeFormulas", address, formulas, true);
  }

  async patchFormulas(address: string, formulas: readonly (readonly (Cell | null)[])[]): Promise<void> {
    const ref = parseAddress(address);
    checkShape(address, rowCount(ref), columnCount(ref), formulas);
    for (const [from, to] of rowChunks(formulas.length, formulas[0]?.length ?? 0, this.maxCells)) {
      const part = rangeAddress(rowSlice(ref, from, to));
      await this.call("patchFormulas", [part], () => this.book.patchFormulas(part, formulas.slice(from, to)));
    }
  }

  spillCells(address: string): Promise<{ checked: boolean; cells: { address: string; anchor: string }[] }> {
    return this.call("spillCells", [address], () => ({ checked: true, cells: this.book.spillCells(address) }));
  }

  clearSheet(sheet: string): Promise<void> {
    return this.call("clearSheet", [sheet], () => this.book.clearSheet(sheet));
  }

  isBlank(address: string): Promise<boolean> {
    return this.call("isBlank", [address], () => this.book.isBlank(address));
  }

  formatRange(address: string, format: RangeFormat): Promise<void> {
    return this.call("formatRange", [address], () => this.book.format(address, format));
  }

  select(address: string): Promise<void> {
    return this.call("select", [address], () => this.book.select(address));
  }

  selectedAddress(): Promise<string> {
    return this.call("selectedAddress", [], () => this.book.selection);
  }

  addBarChart(chart: BarChart): Promise<void> {
    return this.call("addBarChart", [chart.title], () => void this.book.addChart(chart));
  }

  calculationMode(): Promise<CalculationMode> {
    return this.call("calculationMode", [], () => this.book.calculationMode);
  }

  setCalculationMode(mode: CalculationMode): Promise<void> {
    return this.call("setCalculationMode", [mode], () => {
      const was = this.book.calculationMode;
      this.book.calculationMode = mode;
      // as Excel does, switching to automatic calculation recalculates (a failing model does not fail the switch)
      if (mode !== "manual" && was === "manual") {
        try {
          this.book.calculate();
        } catch (e) {
          this.book.lastCalculationError = e;
        }
      }
    });
  }

  async recalculate(signal?: AbortSignal): Promise<void> {
    await this.call("recalculate", [], () => this.book.calculate());
    if (this.calculationMs > 0) await abortableSleep(this.calculationMs, signal);
  }
}
