import type { CellValue } from "exceljs";
import { fromCells, type HeaderTable } from "../../core/projection/table";
import { UsageError } from "../io";

/** A cell as the assumption readers take it: number, text, boolean or blank; a formula gives its cached result. */
function plain(v: CellValue): number | string | boolean | null {
  if (v === null || v === undefined) return null;
  if (typeof v === "number" || typeof v === "string" || typeof v === "boolean") return v;
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === "object") {
    if ("result" in v) return plain((v as { result?: CellValue }).result ?? null);
    if ("richText" in v) return (v as { richText: { text: string }[] }).richText.map((x) => x.text).join("");
    if ("text" in v) return String((v as { text: unknown }).text);
    if ("error" in v) return String((v as { error: unknown }).error);
  }
  return null;
}

/**
 * The tables of a group valuation from an .xlsx workbook: each sheet whose name is a table name
 * ("mortality", "entities", …) or "folder.table" (an entity's own table, read as "folder/table") holds
 * the table from its cell A1 (header row first). Other sheets (a report, formulas) are ignored when their
 * name has a space or is not a table name; the readers refuse names they do not know.
 */
export async function readWorkbookTables(path: string): Promise<Record<string, HeaderTable>> {
  const { default: ExcelJS } = await import("exceljs");
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.readFile(path);
  } catch (e) {
    throw new UsageError(`cannot read the workbook ${path}: ${(e as Error).message}`);
  }
  const tables: Record<string, HeaderTable> = {};
  wb.eachSheet((ws) => {
    if (!/^[A-Za-z0-9_]+(\.[A-Za-z0-9_]+)?$/.test(ws.name)) return; // not a table sheet (e.g. "Formulas", "Read me")
    const cells: (number | string | boolean | null)[][] = [];
    const width = ws.actualColumnCount;
    ws.eachRow({ includeEmpty: true }, (row) => {
      const out: (number | string | boolean | null)[] = [];
      for (let c = 1; c <= width; c++) out.push(plain(row.getCell(c).value));
      cells.push(out);
    });
    while (cells.length > 0 && (cells[cells.length - 1] as unknown[]).every((x) => x === null)) cells.pop();
    if (cells.length === 0) return;
    const key = ws.name.replace(".", "/");
    tables[key] = fromCells(key, cells);
  });
  if (Object.keys(tables).length === 0) throw new UsageError(`the workbook ${path} has no table sheets (sheets named after the tables: valuation, entities, fx, mortality, …)`);
  return tables;
}
