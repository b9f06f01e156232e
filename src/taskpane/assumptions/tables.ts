import { tableKind } from "../../core/assumptions/assumptionSet";
import type { CellValue } from "../../functions/cells";
import { cellAddress, parseAddress } from "../workbook/address";
import type { TableContent, TableInfo, Workbook } from "../workbook/workbook";
import { MARKET_TABLES, TEMPLATES, type TableTemplate } from "./templates";

/** The pane asks the user before it overwrites or deletes anything; false leaves the workbook as it is. */
export type Confirm = (message: string) => Promise<boolean>;

export const ASSUMPTIONS_SHEET = "Assumptions";

/** An assumption table as data: what the pane reads from the workbook, imports, exports and stores. */
export interface TableData {
  name: string;
  header: string[];
  rows: CellValue[][];
}

/** The canonical name of an assumption table name (an engine table, an alias, or a market table), or undefined. */
export function assumptionTableName(name: string): string | undefined {
  const engine = tableKind(name);
  if (engine) return engine;
  const n = name.trim().toLowerCase().replace(/\.csv$/, "");
  return MARKET_TABLES.includes(n) ? n : undefined;
}

export interface CreateReport {
  created: TableInfo[];
  /** Tables that existed and were replaced after the user agreed. */
  replaced: string[];
  /** Tables that existed and were kept because the user declined. */
  kept: string[];
}

/**
 * Creates the standard assumption tables (all templates, or those named) as real Excel tables on the
 * Assumptions sheet, side by side, each under a bold title, filled with the sample values. A table
 * whose name already exists in the workbook is replaced only when the user confirms; otherwise it is
 * kept as it is. New tables go to the right of whatever the sheet already holds, never over it.
 */
export async function createAssumptionTables(wb: Workbook, confirm: Confirm, names?: readonly string[], sheet = ASSUMPTIONS_SHEET): Promise<CreateReport> {
  const wanted: TableTemplate[] = names ? TEMPLATES.filter((t) => names.includes(t.name)) : [...TEMPLATES];
  const existing = new Map((await wb.tableNames()).map((n) => [n.toLowerCase(), n]));
  const clashes = wanted.filter((t) => existing.has(t.name));
  const report: CreateReport = { created: [], replaced: [], kept: [] };
  let toCreate = wanted;
  if (clashes.length > 0) {
    const list = clashes.map((t) => existing.get(t.name)).join(", ");
    const ok = await confirm(`The workbook already has the table${clashes.length > 1 ? "s" : ""} ${list}. Replace ${clashes.length > 1 ? "them" : "it"} with the sample values? Their current contents will be lost.`);
    if (ok) {
      for (const t of clashes) {
        const name = existing.get(t.name) as string;
        await wb.deleteTable(name);
        report.replaced.push(name);
      }
    } else {
      report.kept.push(...clashes.map((t) => existing.get(t.name) as string));
      toCreate = wanted.filter((t) => !existing.has(t.name));
    }
  }
  if (toCreate.length === 0) return report;

  if (!(await wb.sheetExists(sheet))) sheet = await wb.addSheet(sheet);
  const used = await wb.usedRange(sheet);
  let column = used === undefined ? 0 : parseAddress(used).end.column + 2;
  for (const t of toCreate) {
    const title = `${sheet}!${cellAddress(0, column)}`;
    await wb.writeValues(title, [[t.title]]);
    await wb.formatRange(title, { bold: true });
    const info = await wb.createTable({ sheet, topLeft: cellAddress(1, column), name: t.name, header: t.header, rows: t.rows, numberFormats: t.numberFormats });
    report.created.push(info);
    column += t.header.length + 1;
  }
  return report;
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
