import type { Workbook, Worksheet } from "exceljs";
import type { HeaderTable } from "../../core/projection/table";
import { GROUP_TABLES } from "../../core/valuation/groupTables";
import type { CellMatrix, CellValue } from "../../functions/cells";
import { callFunction } from "../../functions/registry";
import { runGroup } from "../commands/run";
import { amountFormat, sheetName } from "./workbook";
import { toCents } from "../../core/valuation/run";

/**
 * The input workbook of a group valuation, generated from its folder of CSV files:
 *  - one sheet per table, from A1 (header row first), named like the file: "mortality", "entities",
 *    and "us_yrt.model_points" for a sub-folder's table — the layout `mcev run --workbook` reads;
 *  - a sheet "MCEV formulas" with, per entity, the valuation as worksheet formulas over those sheets:
 *    MCEV.PROJECTPV (the PV of every line; PVFP = PV of profit after tax), MCEV.FCRC and MCEV.CORNHR on
 *    the run's capital by projection year, MCEV.COMPONENTS for Table 1.
 *
 * Formulas are stored as Excel stores an add-in's custom functions in a file, `_xldudf_MCEV_FCRC(…)`
 * (namespace and name joined by "_"); Excel shows them as =MCEV.FCRC(…) once the add-in is loaded.
 * Each formula's cached result is computed here by the same function registry Excel calls, so the
 * workbook shows the figures before the add-in recalculates them. Spilled results are written as
 * array formulas over the result's range (they work in every Excel version).
 */
const STORED_PREFIX = "_xldudf_MCEV_";

/** A1 column letters of a 1-based column. */
export function columnLetters(c: number): string {
  let s = "";
  for (let n = c; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}
const quote = (sheet: string) => `'${sheet.replace(/'/g, "''")}'`;
const rangeRef = (sheet: string, r1: number, c1: number, r2: number, c2: number) => `${quote(sheet)}!$${columnLetters(c1)}$${r1}:$${columnLetters(c2)}$${r2}`;
const cellRef = (sheet: string, r: number, c: number) => `${quote(sheet)}!$${columnLetters(c)}$${r}`;

/** A table as cells, header row first. */
const cellsOf = (t: HeaderTable): CellMatrix => [t.header.map((h) => h as CellValue), ...t.rows.map((r) => r.map((x) => x as CellValue))];

/** An argument as the formula text and the value the registry sees. */
interface Arg {
  text: string;
  value: CellValue | CellMatrix;
}
const literal = (x: string | number): Arg => ({ text: typeof x === "string" ? `"${x.replace(/"/g, '""')}"` : String(x), value: x });

function writeFormula(ws: Worksheet, row: number, col: number, name: string, args: readonly Arg[]): CellValue | CellMatrix {
  const result = callFunction(name, args.map((a) => a.value));
  const text = `${STORED_PREFIX}${name.replace(/\./g, "_")}(${args.map((a) => a.text).join(",")})`;
  if (Array.isArray(result)) {
    const rows = result.length;
    const cols = (result[0] as CellValue[]).length;
    const ref = `${columnLetters(col)}${row}:${columnLetters(col + cols - 1)}${row + rows - 1}`;
    // exceljs's types omit fillFormula's fourth argument (the share type)
    (ws as unknown as { fillFormula(range: string, formula: string, results: unknown[], shareType: string): void }).fillFormula(ref, text, result.flat().map((x) => x ?? ""), "array");
  } else {
    ws.getCell(row, col).value = { formula: text, result: result as number } as never;
  }
  return result;
}

export async function buildSampleWorkbook(tables: Record<string, HeaderTable>): Promise<Workbook> {
  const { default: ExcelJS } = await import("exceljs");
  const wb = new ExcelJS.Workbook();
  wb.creator = "mcev";
  wb.created = new Date(0);
  wb.modified = new Date(0);

  const readme = wb.addWorksheet("Read me");
  const located: Record<string, { sheet: string; table: HeaderTable }> = {};
  const order = Object.keys(tables).sort((a, b) => Number(a.includes("/")) - Number(b.includes("/")) || groupFirst(a) - groupFirst(b) || a.localeCompare(b));
  for (const key of order) {
    const table = tables[key] as HeaderTable;
    const sheet = sheetName(key.replace("/", "."));
    const ws = wb.addWorksheet(sheet);
    cellsOf(table).forEach((r, i) => (ws.getRow(i + 1).values = r.map((x) => x ?? null)));
    ws.getRow(1).font = { bold: true };
    located[key] = { sheet, table };
  }

  const { valuation } = runGroup(tables);
  const ws = wb.addWorksheet("MCEV formulas");
  const param = (name: string): Arg => {
    const v = located.valuation as { sheet: string; table: HeaderTable };
    const i = v.table.rows.findIndex((r) => String(r[0]).toLowerCase() === name);
    return i < 0 ? literal(0) : { text: cellRef(v.sheet, i + 2, 2), value: v.table.rows[i]?.[1] as CellValue };
  };
  let col = 1;
  for (const e of valuation.entities) {
    const folder = entityFolder(tables, e.input.name);
    const ccy = e.valuation.currency as string;
    const own = (kind: string) => located[`${folder}/${kind}`] ?? located[kind];
    const tableArg = (kind: string): Arg | undefined => {
      const t = own(kind);
      if (!t) return undefined;
      const cells = cellsOf(t.table);
      return { text: rangeRef(t.sheet, 1, 1, cells.length, (cells[0] as CellValue[]).length), value: cells };
    };
    // the entity's zero curve nodes: the contiguous rows of its currency in the long zero_curve table
    const zc = own("zero_curve") as { sheet: string; table: HeaderTable };
    const ccyRows = zc.table.rows.map((r, i) => (String(r[0]).toUpperCase() === ccy ? i : -1)).filter((i) => i >= 0);
    const [first, last] = [ccyRows[0] as number, ccyRows.at(-1) as number];
    const terms: Arg = { text: rangeRef(zc.sheet, first + 2, 2, last + 2, 2), value: zc.table.rows.slice(first, last + 1).map((r) => [r[1] as CellValue]) };
    const rates: Arg = { text: rangeRef(zc.sheet, first + 2, 3, last + 2, 3), value: zc.table.rows.slice(first, last + 1).map((r) => [r[2] as CellValue]) };
    const tax = own("tax") as { sheet: string; table: HeaderTable };
    const taxRow = tax.table.rows.findIndex((r) => String(r[0]).toUpperCase() === String(e.input.taxJurisdiction ?? "").toUpperCase());
    const taxArg: Arg = { text: cellRef(tax.sheet, taxRow + 2, 2), value: tax.table.rows[taxRow]?.[1] as CellValue };
    const ent = located.entities as { sheet: string; table: HeaderTable };
    const entRow = ent.table.rows.findIndex((r) => r[0] === e.input.name);
    const snwCol = ent.table.header.findIndex((h) => h.toLowerCase() === "shareholders_net_worth");
    const snw: Arg = { text: cellRef(ent.sheet, entRow + 2, snwCol + 1), value: e.input.shareholdersNetWorth };

    let r = 1;
    ws.getCell(r, col).value = `${e.input.name} (${ccy})`;
    ws.getCell(r, col).font = { bold: true, size: 12 };
    r += 2;
    ws.getCell(r++, col).value = "Present value of every line (MCEV.PROJECTPV)";
    const pairs: Arg[] = [];
    for (const kind of ["mortality", "mortality_improvement", "lapse", "expenses", "commission", "reinsurance", "yrt_rates", "capital", "premium_rates", "tax", "zero_curve"]) {
      const a = tableArg(kind);
      if (a) pairs.push(literal(kind), a);
    }
    pairs.push(literal("currency"), literal(ccy), literal("tax_jurisdiction"), literal(e.input.taxJurisdiction ?? ""), literal("valuation_year"), param("valuation_year"));
    const pvStart = r;
    const pvs = writeFormula(ws, r, col, "PROJECTPV", [tableArg("model_points") as Arg, ...pairs]) as CellMatrix;
    const patRow = pvs.findIndex((x) => x[0] === "profit_after_tax");
    r += pvs.length + 1;

    // capital by projection year, from the run (values), beside the formulas that cost it
    const years = e.valuation.requiredCapitalByYear.length;
    ws.getCell(r, col).value = "year";
    ws.getCell(r, col + 1).value = "RC (start of year)";
    ws.getCell(r, col + 2).value = "NHR capital (start of year)";
    ws.getRow(r).font = { bold: true };
    const capStart = r + 1;
    for (let k = 0; k < years; k++) {
      ws.getCell(capStart + k, col).value = k + 1;
      ws.getCell(capStart + k, col + 1).value = e.valuation.requiredCapitalByYear[k] as number;
      ws.getCell(capStart + k, col + 2).value = e.valuation.nhrCapitalByYear[k] as number;
    }
    const rcArg: Arg = { text: `$${columnLetters(col + 1)}$${capStart}:$${columnLetters(col + 1)}$${capStart + years - 1}`, value: Array.from(e.valuation.requiredCapitalByYear, (x) => [x]) };
    const nhrArg: Arg = { text: `$${columnLetters(col + 2)}$${capStart}:$${columnLetters(col + 2)}$${capStart + years - 1}`, value: Array.from(e.valuation.nhrCapitalByYear, (x) => [x]) };
    // the components, right of the capital columns
    const c2 = col + 4;
    let r2 = pvStart + pvs.length + 1;
    const label = (text: string) => (ws.getCell(r2, c2).value = text);
    const pvfpCell = `$${columnLetters(col + 1)}$${pvStart + patRow}`;
    const patValue = (pvs[patRow] as CellValue[])[1] as number;
    // an entity's variable-annuity block: MCEV.TVFOG.VA below Table 1 (before tax), its CE PV and TVFOG after tax
    const va = vaBlockFormula(ws, own, tableArg, terms, rates, r2 + 16, c2);
    const keep = 1 - (taxArg.value as number);
    label(va ? "PVFP = PV of profit after tax + (1 − tax) × VA certainty-equivalent PV" : "PVFP = PV of profit after tax");
    const pvfpValue = va ? patValue + toCents(keep * va.ce.value) : patValue;
    ws.getCell(r2, c2 + 1).value = { formula: va ? `${pvfpCell}+ROUND((1-${taxArg.text})*${va.ce.text},2)` : pvfpCell, result: pvfpValue } as never;
    const pvfp: Arg = { text: `$${columnLetters(c2 + 1)}$${r2}`, value: pvfpValue };
    r2++;
    // TVFOG: (1 − tax) × the VA block's, 0 without one (every entity has the row, so the entities' tables stay aligned)
    label(va ? "TVFOG = (1 − tax) × VA TVFOG" : "TVFOG (no business with financial options)");
    const tvfogValue = va ? toCents(keep * va.tvfog.value) : 0;
    ws.getCell(r2, c2 + 1).value = va ? ({ formula: `ROUND((1-${taxArg.text})*${va.tvfog.text},2)`, result: tvfogValue } as never) : 0;
    const tvfog: Arg = { text: `$${columnLetters(c2 + 1)}$${r2}`, value: tvfogValue };
    r2++;
    label("FCRC");
    const fcrcValue = writeFormula(ws, r2, c2 + 1, "FCRC", [rcArg, terms, rates, taxArg, param("frictional_investment_expenses")]) as number;
    const fcrc: Arg = { text: `$${columnLetters(c2 + 1)}$${r2}`, value: fcrcValue };
    r2++;
    label("CoRNHR");
    const cornhrValue = writeFormula(ws, r2, c2 + 1, "CORNHR", [nhrArg, terms, rates, param("cost_of_capital"), taxArg]) as number;
    const cornhr: Arg = { text: `$${columnLetters(c2 + 1)}$${r2}`, value: cornhrValue };
    r2 += 2;
    ws.getCell(r2++, c2).value = "Table 1 (MCEV.COMPONENTS), in " + ccy;
    const rc0: Arg = { text: rcArg.text.split(":")[0] as string, value: e.valuation.requiredCapitalByYear[0] as number };
    writeFormula(ws, r2, c2, "COMPONENTS", [snw, rc0, pvfp, tvfog, fcrc, cornhr]);
    for (let j = col; j <= c2 + 1; j++) ws.getColumn(j).numFmt = amountFormat(2);
    ws.getColumn(c2).width = 52;
    ws.getColumn(col).width = 30;
    ws.getColumn(col + 1).width = 20;
    ws.getColumn(col + 2).width = 26;
    col = c2 + 3;
  }

  const notes = [
    "Life-reinsurer sample valuation at 31 December 2011 (seed 003 Tables 10, 13, 14), generated by `mcev workbook`.",
    "Sheets named after tables hold the inputs, read by `mcev run --workbook` and by the task pane: group parameters (valuation),",
    "entities, closing FX (fx), the tables shared by every entity, and each entity's own tables (\"us_yrt.model_points\").",
    "The sheet \"MCEV formulas\" values each entity with =MCEV.* worksheet formulas over those sheets; they recalculate",
    "when the MCEV add-in is loaded (Ctrl+Alt+F9 forces it). Until then the cells show the values computed when the file was made.",
    "The capital by projection year on that sheet is the run's (values); the full run is `mcev run --workbook <this file>`.",
    "An entity with a variable-annuity block (us_yrt.va_model_points) adds MCEV.TVFOG.VA: its certainty-equivalent PV joins the PVFP and its TVFOG is Table 1's, both after tax.",
  ];
  notes.forEach((n, i) => (readme.getCell(i + 1, 1).value = n));
  readme.getColumn(1).width = 130;
  return wb;
}

/**
 * MCEV.TVFOG.VA for an entity with a VA block (its va_model_points): the block, the entity's curve, the
 * esg parameters (their cells), mortality, lapse and surrender charges, the va_basis options. Returns
 * the cells of the CE PV and the TVFOG (before tax), or undefined without a block (or when the esg table
 * leaves a and sigma to a calibration, which the sheet does not show).
 */
function vaBlockFormula(
  ws: Worksheet,
  own: (kind: string) => { sheet: string; table: HeaderTable } | undefined,
  tableArg: (kind: string) => Arg | undefined,
  terms: Arg,
  rates: Arg,
  row: number,
  col: number,
): { ce: { text: string; value: number }; tvfog: { text: string; value: number } } | undefined {
  const points = tableArg("va_model_points");
  const specs = tableArg("va_product_specs");
  const esg = own("esg");
  if (!points || !specs || !esg) return undefined;
  const cellOf = (t: { sheet: string; table: HeaderTable }, name: string): Arg | undefined => {
    const i = t.table.rows.findIndex((r) => String(r[0]).trim().toLowerCase() === name);
    const v = t.table.rows[i]?.[1];
    return i < 0 || v === null || v === undefined || v === "" ? undefined : { text: cellRef(t.sheet, i + 2, 2), value: v as CellValue };
  };
  const fixed = ["a", "sigma", "equity_vol", "correlation"].map((n) => cellOf(esg, n));
  if (fixed.some((x) => x === undefined)) return undefined;
  const pairs: Arg[] = [];
  for (const [name, kind] of [["mortality", "mortality"], ["lapse", "lapse"], ["surrender_charges", "va_surrender_charges"]] as const) {
    const a = tableArg(kind);
    if (a) pairs.push(literal(name), a);
  }
  for (const n of ["scenarios", "seed", "antithetic", "dividend_yield", "generator"]) {
    const a = cellOf(esg, n);
    if (a) pairs.push(literal(n), a);
  }
  const basis = own("va_basis");
  if (basis) {
    for (const n of ["coi_multiple", "expense_acq", "expense_maint", "commission_rate", "expense_inflation", "equity_share"]) {
      const a = cellOf(basis, n);
      if (a) pairs.push(literal(n), a);
    }
  }
  ws.getCell(row - 1, col).value = "VA block: TVFOG and certainty-equivalent PV before tax (MCEV.TVFOG.VA)";
  const out = writeFormula(ws, row, col, "TVFOG.VA", [points, specs, terms, rates, ...(fixed as Arg[]), ...pairs]) as CellMatrix;
  const at = (label: string) => {
    const i = out.findIndex((r) => r[0] === label);
    return { text: `$${columnLetters(col + 1)}$${row + i}`, value: (out[i] as CellValue[])[1] as number };
  };
  return { ce: at("certainty-equivalent PV"), tvfog: at("tvfog") };
}

function groupFirst(key: string): number {
  const i = (GROUP_TABLES as readonly string[]).indexOf(key);
  return i < 0 ? GROUP_TABLES.length : i;
}

/** The folder of an entity's own tables (its `assumptions` cell, else its name). */
function entityFolder(tables: Record<string, HeaderTable>, entity: string): string {
  const t = tables.entities;
  if (!t) return "";
  const header = t.header.map((h) => h.toLowerCase());
  const row = t.rows.find((r) => r[header.indexOf("entity")] === entity);
  const folder = row?.[header.indexOf("assumptions")];
  return typeof folder === "string" && folder !== "" ? folder : entity;
}
