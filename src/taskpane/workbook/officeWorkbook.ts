import { columnCount, parseAddress, rangeAddress, rowCount, rowSlice, type RangeRef } from "./address";
import {
  abortableSleep,
  CalculationWaitAborted,
  checkShape,
  rowChunks,
  toCellInputs,
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

/**
 * The workbook interface on Office.js (Excel.run batches). Large reads and writes go in chunks of at
 * most `maxCellsPerRequest` cells (Excel's request and response payloads are limited, about 5 MB on the
 * web); every write batch suspends calculation until it is synced (and screen updating for multi-chunk
 * writes). The key–value store is kept in custom XML parts of the workbook, one part per key, in the
 * namespace STORE_NAMESPACE, so it is saved with the file.
 *
 * Requirement sets: ExcelApi 1.7 for the core (1.5 custom XML parts, 1.6 calculation suspension);
 * calculation mode (1.8) and calculation state / screen updating (1.9) are used when available.
 */
export const STORE_NAMESPACE = "urn:mcev-toolkit:store:1";

export interface OfficeWorkbookOptions {
  maxCellsPerRequest?: number;
  /** Longest wait for Excel to finish calculating, in milliseconds (default 10 minutes). */
  calculationTimeoutMs?: number;
}

const MODES: Record<string, CalculationMode> = { Automatic: "automatic", AutomaticExceptTables: "automaticExceptTables", Manual: "manual" };
const EXCEL_MODES: Record<CalculationMode, Excel.CalculationMode> = {
  automatic: "Automatic" as Excel.CalculationMode,
  automaticExceptTables: "AutomaticExceptTables" as Excel.CalculationMode,
  manual: "Manual" as Excel.CalculationMode,
};

function supports(version: string): boolean {
  try {
    return Office.context.requirements.isSetSupported("ExcelApi", version);
  } catch {
    return false;
  }
}

function escapeXml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/\r/g, "&#13;");
}

/** The XML of one store entry. */
export function entryXml(key: string, value: string): string {
  return `<entry xmlns="${STORE_NAMESPACE}" key="${escapeXml(key)}">${escapeXml(value)}</entry>`;
}

/** Key and value of a store entry's XML (as Excel returns it: possibly with a declaration and reformatted). */
export function parseEntryXml(xml: string): { key: string; value: string } | undefined {
  if (typeof DOMParser !== "undefined") {
    const doc = new DOMParser().parseFromString(xml, "application/xml");
    const root = doc.documentElement;
    if (!root || root.localName !== "entry" || root.namespaceURI !== STORE_NAMESPACE) return undefined;
    return { key: root.getAttribute("key") ?? "", value: root.textContent ?? "" };
  }
  const m = /<entry\b[^>]*\bkey="([^"]*)"[^>]*>([\s\S]*)<\/entry>/.exec(xml) ?? /<entry\b[^>]*\bkey="([^"]*)"[^>]*\/>/.exec(xml);
  if (!m) return undefined;
  const unescape = (s: string) => s.replace(/&#13;/g, "\r").replace(/&quot;/g, '"').replace(/&gt;/g, ">").replace(/&lt;/g, "<").replace(/&amp;/g, "&");
  return { key: unescape(m[1] ?? ""), value: unescape(m[2] ?? "") };
}


export class OfficeWorkbook implements Workbook {
  readonly store: WorkbookStore;
  private readonly maxCells: number;
  private readonly calculationTimeoutMs: number;

  constructor(options: OfficeWorkbookOptions = {}) {
    this.maxCells = options.maxCellsPerRequest ?? 20_000;
    this.calculationTimeoutMs = options.calculationTimeoutMs ?? 600_000;
    this.store = {
      get: async (key) => (await this.storeEntries()).get(key)?.value,
      set: (key, value) => this.storeSet(key, value),
      delete: (key) => this.storeDelete(key),
      keys: async (prefix = "") => [...(await this.storeEntries()).keys()].filter((k) => k.startsWith(prefix)).sort(),
    };
  }

  // ---- sheets

  listSheets(): Promise<string[]> {
    return Excel.run(async (context) => {
      const sheets = context.workbook.worksheets.load("items/name");
      await context.sync();
      return sheets.items.map((s) => s.name);
    });
  }

  sheetExists(name: string): Promise<boolean> {
    return Excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItemOrNullObject(name);
      await context.sync();
      return !sheet.isNullObject;
    });
  }

  usedRange(sheet: string): Promise<string | undefined> {
    return Excel.run(async (context) => {
      const used = context.workbook.worksheets.getItem(sheet).getUsedRangeOrNullObject(true);
      used.load("address");
      await context.sync();
      return used.isNullObject ? undefined : used.address;
    });
  }

  addSheet(preferred: string): Promise<string> {
    return Excel.run(async (context) => {
      const sheets = context.workbook.worksheets.load("items/name");
      await context.sync();
      const name = uniqueSheetName(preferred, sheets.items.map((s) => s.name));
      context.workbook.worksheets.add(name);
      await context.sync();
      return name;
    });
  }

  // ---- tables

  listTables(): Promise<TableInfo[]> {
    return Excel.run(async (context) => {
      const tables = context.workbook.tables.load("items/name");
      await context.sync();
      const parts = tables.items.map((t) => ({ name: t.name, sheet: t.worksheet.load("name"), range: t.getRange().load("address,rowCount,columnCount") }));
      await context.sync();
      return parts.map((p) => ({ name: p.name, sheet: p.sheet.name, address: p.range.address, rowCount: p.range.rowCount - 1, columnCount: p.range.columnCount }));
    });
  }

  async tableNames(): Promise<string[]> {
    return Excel.run(async (context) => {
      const tables = context.workbook.tables.load("items/name");
      await context.sync();
      return tables.items.map((t) => t.name);
    });
  }

  async createTable(table: NewTable): Promise<TableInfo> {
    const top = parseAddress(table.topLeft, table.sheet);
    const whole: RangeRef = { sheet: table.sheet, start: top.start, end: { row: top.start.row + table.rows.length, column: top.start.column + table.header.length - 1 } };
    const address = rangeAddress(whole);
    await this.writeValues(address, [[...table.header], ...table.rows]);
    return Excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem(table.sheet);
      context.application.suspendApiCalculationUntilNextSync();
      table.numberFormats?.forEach((format, c) => {
        if (format === undefined || table.rows.length === 0) return;
        const column = rangeAddress({ start: { row: whole.start.row + 1, column: whole.start.column + c }, end: { row: whole.end.row, column: whole.start.column + c } });
        // a single value applies to every cell of the range (Range.numberFormat accepts one value or a matrix)
        (sheet.getRange(column) as unknown as { numberFormat: string }).numberFormat = format;
      });
      const t = sheet.tables.add(rangeAddress({ start: whole.start, end: whole.end }), true);
      t.name = table.name;
      const range = t.getRange().load("address,rowCount,columnCount");
      await context.sync();
      return { name: table.name, sheet: table.sheet, address: range.address, rowCount: range.rowCount - 1, columnCount: range.columnCount };
    });
  }

  readTable(name: string): Promise<TableContent> {
    return Excel.run(async (context) => {
      const t = context.workbook.tables.getItem(name);
      t.load("name");
      const sheet = t.worksheet.load("name");
      const range = t.getRange().load("address,rowCount,columnCount");
      const header = t.getHeaderRowRange().load("values");
      await context.sync();
      const rows: Cells = [];
      const body = t.getDataBodyRange();
      const n = range.rowCount - 1;
      for (const [from, to] of rowChunks(n, range.columnCount, this.maxCells)) {
        const part = body.getRow(from).getResizedRange(to - from - 1, 0).load("values");
        // one request per chunk keeps each response under Excel's payload limit
        // eslint-disable-next-line office-addins/no-context-sync-in-loop
        await context.sync();
        rows.push(...(part.values as Cells));
      }
      return { name: t.name, sheet: sheet.name, address: range.address, rowCount: n, columnCount: range.columnCount, header: (header.values[0] ?? []).map(String), rows };
    });
  }

  deleteTable(name: string): Promise<void> {
    return Excel.run(async (context) => {
      const t = context.workbook.tables.getItem(name);
      const range = t.getRange().load("address");
      const sheet = t.worksheet.load("name");
      await context.sync();
      const cells = rangeAddress({ ...parseAddress(range.address), sheet: undefined });
      t.delete();
      context.workbook.worksheets.getItem(sheet.name).getRange(cells).clear("All" as Excel.ClearApplyTo);
      await context.sync();
    });
  }

  // ---- ranges

  private async read(address: string, what: "values" | "formulas"): Promise<Cells> {
    const ref = parseAddress(address);
    if (ref.sheet === undefined) throw new Error(`${address}: give the sheet (Sheet!A1)`);
    return Excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem(ref.sheet as string);
      const out: Cells = [];
      for (const [from, to] of rowChunks(rowCount(ref), columnCount(ref), this.maxCells)) {
        const part = sheet.getRange(rangeAddress({ ...rowSlice(ref, from, to), sheet: undefined })).load(what);
        // eslint-disable-next-line office-addins/no-context-sync-in-loop
        await context.sync();
        out.push(...(part[what] as Cells));
      }
      return out;
    });
  }

  readValues(address: string): Promise<Cells> {
    return this.read(address, "values");
  }

  readFormulas(address: string): Promise<Cells> {
    return this.read(address, "formulas");
  }

  private async write(address: string, matrix: readonly (readonly CellInput[])[], what: "values" | "formulas"): Promise<void> {
    const ref = parseAddress(address);
    if (ref.sheet === undefined) throw new Error(`${address}: give the sheet (Sheet!A1)`);
    checkShape(address, rowCount(ref), columnCount(ref), matrix);
    const cells = toCellInputs(matrix);
    const chunks = rowChunks(cells.length, columnCount(ref), this.maxCells);
    const screen = chunks.length > 1 && supports("1.9");
    await Excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem(ref.sheet as string);
      for (const [k, [from, to]] of chunks.entries()) {
        context.application.suspendApiCalculationUntilNextSync();
        if (screen && k === 0) context.application.suspendScreenUpdatingUntilNextSync();
        sheet.getRange(rangeAddress({ ...rowSlice(ref, from, to), sheet: undefined }))[what] = cells.slice(from, to);
        // each chunk is its own request: Excel refuses payloads above its limit
        // eslint-disable-next-line office-addins/no-context-sync-in-loop
        await context.sync();
      }
    });
  }

  writeValues(address: string, values: readonly (readonly CellInput[])[]): Promise<void> {
    return this.write(address, values, "values");
  }

  writeFormulas(address: string, formulas: readonly (readonly CellInput[])[]): Promise<void> {
    return this.write(address, formulas, "formulas");
  }

  async patchFormulas(address: string, formulas: readonly (readonly (Cell | null)[])[]): Promise<void> {
    const ref = parseAddress(address);
    if (ref.sheet === undefined) throw new Error(`${address}: give the sheet (Sheet!A1)`);
    checkShape(address, rowCount(ref), columnCount(ref), formulas);
    // null entries go to Excel as they are: Office.js leaves those cells unchanged (no toCellInputs here)
    const chunks = rowChunks(formulas.length, columnCount(ref), this.maxCells);
    await Excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem(ref.sheet as string);
      for (const [from, to] of chunks) {
        context.application.suspendApiCalculationUntilNextSync();
        sheet.getRange(rangeAddress({ ...rowSlice(ref, from, to), sheet: undefined })).formulas = formulas.slice(from, to) as unknown as Cell[][];
        // eslint-disable-next-line office-addins/no-context-sync-in-loop
        await context.sync();
      }
    });
  }

  /**
   * Spill cells with ExcelApi 1.12: Range.hasSpill on the whole range first (false: no cell has a spill
   * border); otherwise each cell's getSpillParentOrNullObject (a cell spilled into, or an anchor that
   * spills). Without 1.12 nothing can be checked (checked: false).
   */
  async spillCells(address: string): Promise<{ checked: boolean; cells: { address: string; anchor: string }[] }> {
    if (!supports("1.12")) return { checked: false, cells: [] };
    const ref = parseAddress(address);
    if (ref.sheet === undefined) throw new Error(`${address}: give the sheet (Sheet!A1)`);
    return Excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem(ref.sheet as string);
      const whole = sheet.getRange(rangeAddress({ ...ref, sheet: undefined })).load("hasSpill");
      await context.sync();
      if (whole.hasSpill === false) return { checked: true, cells: [] };
      const cells: { address: string; anchor: string }[] = [];
      for (const [from, to] of rowChunks(rowCount(ref), columnCount(ref), 2000)) {
        const probes: { address: string; parent: Excel.Range; spilling: Excel.Range }[] = [];
        for (let r = ref.start.row + from; r < ref.start.row + to; r++) {
          for (let c = ref.start.column; c <= ref.end.column; c++) {
            const cell = sheet.getCell(r, c);
            probes.push({ address: rangeAddress({ sheet: ref.sheet, start: { row: r, column: c }, end: { row: r, column: c } }), parent: cell.getSpillParentOrNullObject().load("address"), spilling: cell.getSpillingToRangeOrNullObject().load("address") });
          }
        }
        // one request per chunk of cells
        // eslint-disable-next-line office-addins/no-context-sync-in-loop
        await context.sync();
        for (const p of probes) {
          if (!p.parent.isNullObject) cells.push({ address: p.address, anchor: p.parent.address });
          else if (!p.spilling.isNullObject) cells.push({ address: p.address, anchor: p.address });
        }
      }
      return { checked: true, cells };
    });
  }

  clearSheet(name: string): Promise<void> {
    return Excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem(name);
      sheet.getRange().clear("All" as Excel.ClearApplyTo);
      const charts = sheet.charts.load("items/name");
      await context.sync();
      for (const c of charts.items) c.delete();
      await context.sync();
    });
  }

  isBlank(address: string): Promise<boolean> {
    const ref = parseAddress(address);
    if (ref.sheet === undefined) throw new Error(`${address}: give the sheet (Sheet!A1)`);
    return Excel.run(async (context) => {
      const used = context.workbook.worksheets.getItem(ref.sheet as string).getRange(rangeAddress({ ...ref, sheet: undefined })).getUsedRangeOrNullObject(false);
      used.load("address");
      await context.sync();
      return used.isNullObject;
    });
  }

  formatRange(address: string, format: RangeFormat): Promise<void> {
    const ref = parseAddress(address);
    if (ref.sheet === undefined) throw new Error(`${address}: give the sheet (Sheet!A1)`);
    return Excel.run(async (context) => {
      const range = context.workbook.worksheets.getItem(ref.sheet as string).getRange(rangeAddress({ ...ref, sheet: undefined }));
      if (format.numberFormat !== undefined) (range as unknown as { numberFormat: string }).numberFormat = format.numberFormat;
      if (format.bold !== undefined) range.format.font.bold = format.bold;
      if (format.autofitColumns) range.format.autofitColumns();
      await context.sync();
    });
  }

  select(address: string): Promise<void> {
    const ref = parseAddress(address);
    return Excel.run(async (context) => {
      const sheet = ref.sheet === undefined ? context.workbook.worksheets.getActiveWorksheet() : context.workbook.worksheets.getItem(ref.sheet);
      sheet.activate();
      sheet.getRange(rangeAddress({ ...ref, sheet: undefined })).select();
      await context.sync();
    });
  }

  selectedAddress(): Promise<string> {
    return Excel.run(async (context) => {
      const range = context.workbook.getSelectedRange().load("address");
      await context.sync();
      return range.address;
    });
  }

  // ---- charts

  addBarChart(chart: BarChart): Promise<void> {
    const source = parseAddress(chart.source, chart.sheet);
    return Excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem(chart.sheet);
      const data = context.workbook.worksheets.getItem(source.sheet as string).getRange(rangeAddress({ ...source, sheet: undefined }));
      const c = sheet.charts.add("BarClustered" as Excel.ChartType, data, "Columns" as Excel.ChartSeriesBy);
      c.title.text = chart.title;
      c.legend.visible = false;
      c.setPosition(chart.anchor, chart.anchorEnd);
      await context.sync();
    });
  }

  // ---- calculation

  calculationMode(): Promise<CalculationMode> {
    if (!supports("1.8")) return Promise.resolve("automatic");
    return Excel.run(async (context) => {
      const app = context.workbook.application.load("calculationMode");
      await context.sync();
      return MODES[app.calculationMode] ?? "automatic";
    });
  }

  async setCalculationMode(mode: CalculationMode): Promise<void> {
    if (!supports("1.8")) return;
    await Excel.run(async (context) => {
      context.workbook.application.calculationMode = EXCEL_MODES[mode];
      await context.sync();
    });
  }

  async recalculate(signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) throw new CalculationWaitAborted();
    await Excel.run(async (context) => {
      context.workbook.application.calculate("Recalculate" as Excel.CalculationType);
      await context.sync();
    });
    if (!supports("1.9")) return;
    const deadline = Date.now() + this.calculationTimeoutMs;
    for (let wait = 20; ; wait = Math.min(2 * wait, 500)) {
      const state = await Excel.run(async (context) => {
        const app = context.workbook.application.load("calculationState");
        // polling: one small request per wait, until Excel reports that calculation is done
        // eslint-disable-next-line office-addins/no-context-sync-in-loop
        await context.sync();
        return app.calculationState;
      });
      if (state === "Done") return;
      if (signal?.aborted) throw new CalculationWaitAborted();
      if (Date.now() > deadline) throw new Error(`Excel was still calculating after ${Math.round(this.calculationTimeoutMs / 1000)} s`);
      // the wait ends at once when the caller cancels (Excel goes on calculating on its own)
      await abortableSleep(wait, signal);
    }
  }

  // ---- store (custom XML parts)

  private storeEntries(): Promise<Map<string, { id: string; value: string }>> {
    return Excel.run(async (context) => {
      const parts = context.workbook.customXmlParts.getByNamespace(STORE_NAMESPACE).load("items/id");
      await context.sync();
      const xmls = parts.items.map((p) => ({ id: p.id, xml: p.getXml() }));
      await context.sync();
      const out = new Map<string, { id: string; value: string }>();
      for (const { id, xml } of xmls) {
        const entry = parseEntryXml(xml.value);
        if (entry && !out.has(entry.key)) out.set(entry.key, { id, value: entry.value });
      }
      return out;
    });
  }

  private async storeSet(key: string, value: string): Promise<void> {
    const existing = (await this.storeEntries()).get(key);
    await Excel.run(async (context) => {
      if (existing) context.workbook.customXmlParts.getItem(existing.id).setXml(entryXml(key, value));
      else context.workbook.customXmlParts.add(entryXml(key, value));
      await context.sync();
    });
  }

  private async storeDelete(key: string): Promise<void> {
    const existing = (await this.storeEntries()).get(key);
    if (!existing) return;
    await Excel.run(async (context) => {
      context.workbook.customXmlParts.getItem(existing.id).delete();
      await context.sync();
    });
  }
}
