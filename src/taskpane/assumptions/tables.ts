import { tableKind } from "../../core/assumptions/assumptionSet";
import type { CellValue } from "../../functions/cells";
import { cellAddress, parseAddress, quoteSheet, rangeAddress, resize } from "../workbook/address";
import type { TableContent, TableInfo, Workbook } from "../workbook/workbook";
import { PANE_TABLES, TEMPLATES, type TableTemplate } from "./templates";

/** The pane asks the user before it overwrites or deletes anything; false leaves the workbook as it is. */
export type Confirm = (message: string) => Promise<boolean>;

export const ASSUMPTIONS_SHEET = "Assumptions";

/** An assumption table as data: what the pane reads from the workbook, imports, exports and stores. */
export interface TableData {
  name: string;
  header: string[];
  rows: CellValue[][];
}

/** The canonical name of an assumption table name (an engine table, an alias, a market table, or valuation), or undefined. */
export function assumptionTableName(name: string): string | undefined {
  const engine = tableKind(name);
  if (engine) return engine;
  const n = name.trim().toLowerCase().replace(/\.csv$/, "");
  return PANE_TABLES.includes(n) ? n : undefined;
}

export interface PlaceReport {
  created: TableInfo[];
  /** Tables that existed and were replaced after the user agreed. */
  replaced: string[];
  /** Tables that existed and were kept because the user declined. */
  kept: string[];
}

/** A table to put into the workbook, with the title written above it and its number formats. */
export interface TableToPlace extends TableData {
  title?: string;
  numberFormats?: (string | undefined)[];
}

/**
 * Puts tables into the workbook as real Excel tables. A table whose name already exists is replaced
 * only when the user confirms (one question for all of them): it is deleted and the new one written at
 * its place when that area is free. If the user declines, those tables are kept as they are and only
 * the others are written. New tables go on `sheet` (created when missing), side by side, each under a
 * bold title, to the right of whatever the sheet already holds — never over it.
 */
export async function placeTables(wb: Workbook, tables: readonly TableToPlace[], confirm: Confirm, sheet = ASSUMPTIONS_SHEET, question = "Replace {them} with the new values? Their current contents will be lost."): Promise<PlaceReport> {
  const existing = new Map((await wb.listTables()).map((t) => [t.name.toLowerCase(), t]));
  const clashes = tables.filter((t) => existing.has(t.name.toLowerCase()));
  const report: PlaceReport = { created: [], replaced: [], kept: [] };
  let toCreate = [...tables];
  const oldPlace = new Map<string, TableInfo>();
  if (clashes.length > 0) {
    const names = clashes.map((t) => (existing.get(t.name.toLowerCase()) as TableInfo).name);
    const many = clashes.length > 1;
    const ok = await confirm(`The workbook already has the table${many ? "s" : ""} ${names.join(", ")}. ${question.replace("{them}", many ? "them" : "it")}`);
    if (ok) {
      for (const t of clashes) {
        const old = existing.get(t.name.toLowerCase()) as TableInfo;
        await wb.deleteTable(old.name);
        oldPlace.set(t.name.toLowerCase(), old);
        report.replaced.push(old.name);
      }
    } else {
      report.kept.push(...names);
      toCreate = tables.filter((t) => !existing.has(t.name.toLowerCase()));
    }
  }
  if (toCreate.length === 0) return report;

  let next: number | undefined;
  const nextColumn = async () => {
    if (next === undefined) {
      if (!(await wb.sheetExists(sheet))) sheet = await wb.addSheet(sheet);
      const used = await wb.usedRange(sheet);
      next = used === undefined ? 0 : parseAddress(used).end.column + 2;
    }
    return next;
  };
  for (const t of toCreate) {
    const old = oldPlace.get(t.name.toLowerCase());
    if (old) {
      const at = parseAddress(old.address);
      const area = resize(at, t.rows.length + 1, t.header.length);
      if (await wb.isBlank(rangeAddress(area))) {
        report.created.push(await wb.createTable({ sheet: old.sheet, topLeft: cellAddress(at.start.row, at.start.column), name: t.name, header: t.header, rows: t.rows, numberFormats: t.numberFormats }));
        continue;
      }
    }
    const column = await nextColumn();
    if (t.title !== undefined) {
      const title = `${quoteSheet(sheet)}!${cellAddress(0, column)}`;
      await wb.writeValues(title, [[t.title]]);
      await wb.formatRange(title, { bold: true });
    }
    report.created.push(await wb.createTable({ sheet, topLeft: cellAddress(1, column), name: t.name, header: t.header, rows: t.rows, numberFormats: t.numberFormats }));
    next = column + t.header.length + 1;
  }
  return report;
}

/**
 * Creates the standard assumption tables (all templates, or those named) on the Assumptions sheet,
 * filled with the sample values (see placeTables for what happens to existing tables).
 */
export async function createAssumptionTables(wb: Workbook, confirm: Confirm, names?: readonly string[], sheet = ASSUMPTIONS_SHEET): Promise<PlaceReport> {
  const wanted: TableTemplate[] = names ? TEMPLATES.filter((t) => names.includes(t.name)) : [...TEMPLATES];
  return placeTables(wb, wanted, confirm, sheet, "Replace {them} with the sample values? Their current contents will be lost.");
}

/** Every table of the workbook that is an assumption table, keyed by its canonical name, with its contents. */
export async function readAssumptionTables(wb: Workbook): Promise<Map<string, TableContent>> {
  const out = new Map<string, TableContent>();
  for (const info of await wb.listTables()) {
    const kind = assumptionTableName(info.name);
    if (kind !== undefined && !out.has(kind)) out.set(kind, await wb.readTable(info.name));
  }
  return out;
}
