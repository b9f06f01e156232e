import type { Workbook, Worksheet } from "exceljs";
import { annualLines } from "../../core/projection/annual";
import type { ReportTable } from "../../core/valuation/report";
import type { RunOutput } from "../commands/run";

declare const MCEV_VERSION: string;
const VERSION = typeof MCEV_VERSION === "string" ? MCEV_VERSION : "dev";

/** Excel number format for amounts with `decimals` places, negatives in brackets as in the disclosures. */
export function amountFormat(decimals: number): string {
  const d = decimals > 0 ? "." + "0".repeat(decimals) : "";
  return `#,##0${d};(#,##0${d});-`;
}
const PERCENT = "0.0%";

/** Writes one reported table at the top of a sheet: title, note, header, rows. */
function writeTable(ws: Worksheet, t: ReportTable, decimals: number, startRow = 1): number {
  let r = startRow;
  ws.getCell(r, 1).value = t.title;
  ws.getCell(r, 1).font = { bold: true, size: 12 };
  r++;
  ws.getCell(r, 1).value = t.note;
  ws.getCell(r, 1).font = { italic: true };
  r += 2;
  const header = ws.getRow(r);
  header.values = ["", ...t.columns];
  header.font = { bold: true };
  header.alignment = { horizontal: "right" };
  r++;
  for (const row of t.rows) {
    const xlRow = ws.getRow(r);
    xlRow.values = [row.label, ...row.values.map((x) => (x === null ? "n/a" : x))];
    xlRow.getCell(1).alignment = { indent: row.indent ? 2 : 0 };
    if (row.total) xlRow.font = { bold: true };
    for (let j = 0; j < row.values.length; j++) {
      const cell = xlRow.getCell(j + 2);
      cell.numFmt = row.format === "percent" ? PERCENT : amountFormat(t.key === "local" && row.key === "fx" ? 4 : decimals);
      if (row.values[j] === null) cell.alignment = { horizontal: "right" };
    }
    r++;
  }
  for (const n of t.footnotes ?? []) {
    ws.getCell(++r, 1).value = n;
    ws.getCell(r, 1).font = { italic: true };
  }
  ws.getColumn(1).width = Math.max(30, ...t.rows.map((x) => x.label.length + 4));
  for (let j = 0; j < t.columns.length; j++) ws.getColumn(j + 2).width = Math.max(14, (t.columns[j] as string).length + 2);
  return r;
}

const SHEET_NAMES: Record<string, string> = {
  table1: "MCEV",
  table5: "New business",
  table8: "IFRS reconciliation",
  table9: "Group MCEV",
  traditional: "Traditional EV",
  local: "Entities",
};

/** Excel sheet names: at most 31 characters, none of : \ / ? * [ ]. */
export function sheetName(text: string): string {
  return text.replace(/[:\\/?*[\]]/g, "_").slice(0, 31);
}

/** The report workbook of a run: one sheet per reported table, the cash flows of each entity, and the run's metadata. */
export async function buildReportWorkbook(result: RunOutput): Promise<Workbook> {
  const { default: ExcelJS } = await import("exceljs");
  const wb = new ExcelJS.Workbook();
  wb.creator = `mcev ${VERSION}`;
  wb.created = new Date(0); // reproducible files: no wall-clock time in the document properties
  const { report, valuation } = result;
  for (const t of [...report.tables, report.local]) {
    const ws = wb.addWorksheet(SHEET_NAMES[t.key] ?? sheetName(t.title));
    writeTable(ws, t, report.decimals);
    ws.views = [{ state: "frozen", ySplit: 4, xSplit: 1 }];
  }
  for (const e of valuation.entities) {
    const blocks = [{ label: "in force and new business", run: e.valuation.projection }, ...(e.valuation.newBusiness ? [{ label: "new business alone", run: e.valuation.newBusiness.projection }] : [])];
    const ws = wb.addWorksheet(sheetName(`Cash flows ${e.input.name}`));
    let r = 1;
    for (const b of blocks) {
      const annual = annualLines(b.run);
      ws.getCell(r, 1).value = `${e.input.name}: ${b.label}, by projection year (${e.valuation.currency}; flows summed over the year, stocks at its start)`;
      ws.getCell(r, 1).font = { bold: true };
      r++;
      const header = ws.getRow(r);
      header.values = ["year", ...annual.lines];
      header.font = { bold: true };
      r++;
      annual.values.forEach((row, k) => {
        ws.getRow(r).values = [k + 1, ...Array.from(row, (x) => (x === 0 ? 0 : x))];
        for (let j = 0; j < annual.lines.length; j++) ws.getRow(r).getCell(j + 2).numFmt = annual.lines[j] === "discount_factor" ? "0.000000" : amountFormat(0);
        r++;
      });
      r += 2;
    }
    ws.getColumn(1).width = 8;
    for (let j = 2; j <= 30; j++) ws.getColumn(j).width = 16;
  }
  const meta = wb.addWorksheet("Run");
  const rows: [string, string | number][] = [
    ["program", `mcev ${VERSION}`],
    ["reporting currency", report.reportingCurrency],
    ["reporting unit", report.unit],
    ["entities", valuation.entities.map((x) => x.input.name).join(", ")],
    ["shock", valuation.shock ? JSON.stringify(valuation.shock) : "none (base run)"],
    ["run time (ms)", Number(result.ms.toFixed(1))],
  ];
  rows.forEach(([k, v], i) => {
    meta.getCell(i + 1, 1).value = k;
    meta.getCell(i + 1, 2).value = v;
  });
  meta.getColumn(1).width = 22;
  meta.getColumn(2).width = 60;
  return wb;
}

export async function writeReportWorkbook(path: string, result: RunOutput): Promise<void> {
  const wb = await buildReportWorkbook(result);
  await wb.xlsx.writeFile(path);
}
