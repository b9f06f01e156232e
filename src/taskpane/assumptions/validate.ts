import { readAssumptionSet, tableKind } from "../../core/assumptions/assumptionSet";
import { normalise } from "../../core/assumptions/rows";
import { McevError } from "../../core/errors";
import type { HeaderTable } from "../../core/projection/table";
import type { CellValue } from "../../functions/cells";
import { parseAddress, rangeAddress } from "../workbook/address";
import type { TableContent, Workbook } from "../workbook/workbook";
import { MARKET_READERS } from "./market";
import { assumptionTableName, readAssumptionTables } from "./tables";
import { TEMPLATES, templateFor } from "./templates";
import { crossCheckValuation, readValuationTable, VALUATION_TABLE } from "./valuationTable";

/**
 * Validation of the workbook's assumption tables with the engine's own readers (readAssumptionSet), so
 * the pane says exactly what a run would refuse. Every problem names the table, the row and the column
 * and carries the address of the offending cell (or of the header row) for the pane's link.
 *
 * The readers stop at the first problem of a table. To list every problem, each table is validated
 * separately, and within a table a problem cell is replaced (in a copy) by a neighbouring row's value
 * (in a name,value table first by the template's value of that parameter) and the table read again,
 * until it reads or a problem cannot be stepped over (a problem that names no cell, or a cell that no
 * stand-in value satisfies). Cross-table checks (model points' ages against the
 * mortality and YRT tables; the valuation table's currency and tax jurisdiction against zero_curve and
 * tax) run once the tables concerned read on their own.
 */
export interface Problem {
  /** The table's name as the workbook spells it. */
  table: string;
  /** 1-based data row (the first row under the header is row 1), when the problem is in a row. */
  row?: number;
  /** The column as its header spells it, when the problem is in a column. */
  column?: string;
  /** The cell to select (a data cell, a header cell, or the header row), sheet included. */
  address?: string;
  /** The reader's message, e.g. "lapse: row 3, column rate: 1.5 is not a rate between 0 and 1 …". */
  message: string;
}

export interface ValidationReport {
  problems: Problem[];
  /** Assumption tables found and checked (workbook names). */
  checked: string[];
  /** Standard tables (templates) the workbook does not have. */
  missing: string[];
}

type Reader = (t: HeaderTable) => unknown;

function readerFor(kind: string): Reader | undefined {
  const engine = tableKind(kind);
  if (engine) return (t) => readAssumptionSet({ [engine]: t });
  if (kind === VALUATION_TABLE) return readValuationTable;
  return MARKET_READERS[kind];
}

interface Location {
  row?: number;
  column?: string;
  /** 0-based header index for problems that name a column by position. */
  columnIndex?: number;
  header?: boolean;
}

/** Where a reader's message points: "row r, column c: …", "row r: …", a header column, or the table. */
export function locate(detail: string): Location {
  let m = /^row (\d+), column (?:"([^"]*)"|([^:]+)):/.exec(detail);
  if (m) return { row: Number(m[1]), column: (m[2] ?? m[3] ?? "").trim() };
  m = /^row (\d+):/.exec(detail);
  if (m) return { row: Number(m[1]) };
  m = /^column (\d+) /.exec(detail);
  if (m) return { columnIndex: Number(m[1]) - 1, header: true };
  m = /^has a column "([^"]*)" it does not know/.exec(detail) ?? /^has two columns for [^:]+: "[^"]*" and "([^"]*)"/.exec(detail);
  if (m) return { column: m[1], header: true };
  return { header: true };
}

function columnOf(header: readonly string[], label: string): number {
  const n = normalise(label);
  return header.findIndex((h) => normalise(h) === n);
}

/** The address of a location in a table placed at `tableAddress` (header row first). */
function addressOf(tableAddress: string | undefined, header: readonly string[], loc: Location): string | undefined {
  if (!tableAddress) return undefined;
  const ref = parseAddress(tableAddress);
  const c = loc.column !== undefined ? columnOf(header, loc.column) : (loc.columnIndex ?? -1);
  const row = loc.row !== undefined && !loc.header ? ref.start.row + loc.row : ref.start.row;
  if (c >= 0) return `${rangeAddress({ sheet: ref.sheet, start: { row, column: ref.start.column + c }, end: { row, column: ref.start.column + c } })}`;
  if (loc.row !== undefined) return rangeAddress({ sheet: ref.sheet, start: { row, column: ref.start.column }, end: { row, column: ref.end.column } });
  return rangeAddress({ sheet: ref.sheet, start: ref.start, end: { row: ref.start.row, column: ref.end.column } });
}

function problemOf(e: McevError, content: TableInput): Problem {
  const loc = locate(e.detail);
  const p: Problem = { table: content.name, message: e.message };
  if (loc.row !== undefined) p.row = loc.row;
  const column = loc.column ?? (loc.columnIndex !== undefined ? content.header[loc.columnIndex] : undefined);
  if (column !== undefined) p.column = column;
  const address = addressOf(content.address, content.header, loc);
  if (address) p.address = address;
  return p;
}

/**
 * Stand-ins for a problem cell, in order: the midpoint of the numbers above and below (right for a
 * rate and for a key that counts up, like an age), the number above + 1, the number below − 1, then
 * the cells above and below as they are (text columns).
 */
function standIns(rows: readonly (readonly CellValue[])[], r: number, c: number): CellValue[] {
  const above = rows[r - 1]?.[c];
  const below = rows[r + 1]?.[c];
  const out: CellValue[] = [];
  if (typeof above === "number" && typeof below === "number") out.push((above + below) / 2);
  if (typeof above === "number") out.push(above + 1);
  if (typeof below === "number") out.push(below - 1);
  for (const x of [above, below]) if (x !== undefined && x !== null && x !== "" && !out.includes(x)) out.push(x);
  return out;
}

/** In a name,value table, the template's value of the same parameter (a value the reader accepts), if any. */
function templateValue(kind: string, header: readonly string[], rows: readonly (readonly CellValue[])[], r: number, c: number): CellValue | undefined {
  const h = header.map(normalise);
  const name = rows[r]?.[0];
  if (c !== 1 || h.length !== 2 || h[1] !== "value" || typeof name !== "string") return undefined;
  return templateFor(kind)?.rows.find((row) => typeof row[0] === "string" && normalise(row[0]) === normalise(name))?.[1];
}

/** A table to validate: its name, header and rows, and where it sits (for addresses), if in a workbook. */
export interface TableInput {
  name: string;
  header: readonly string[];
  rows: readonly (readonly CellValue[])[];
  address?: string;
}

/** Every problem of one table (at most `limit`), by its kind's reader. */
export function validateTable(kind: string, content: TableInput, limit = 50): Problem[] {
  const read = readerFor(kind);
  if (!read) return [{ table: content.name, message: `${content.name}: is not an assumption table the pane knows` }];
  const rows = content.rows.map((r) => [...r]);
  const problems: Problem[] = [];
  /** Cells replaced by a stand-in: key → stand-ins left to try. */
  const repairing = new Map<string, CellValue[]>();
  for (let attempt = 0; attempt < 20 * limit; attempt++) {
    try {
      read({ name: content.name, header: [...content.header], rows });
      return problems;
    } catch (raw) {
      if (!(raw instanceof McevError)) {
        problems.push({ table: content.name, message: `${content.name}: ${raw instanceof Error ? raw.message : String(raw)}` });
        return problems;
      }
      const loc = locate(raw.detail);
      const c = loc.column !== undefined ? columnOf(content.header, loc.column) : -1;
      const r = loc.row !== undefined ? loc.row - 1 : -1;
      const cellKey = `${r},${c}`;
      const pending = repairing.get(cellKey);
      if (pending === undefined) {
        problems.push(problemOf(raw, content));
        if (problems.length >= limit || r < 0 || c < 0 || r >= rows.length) return problems;
        const sample = templateValue(kind, content.header, rows, r, c);
        repairing.set(cellKey, [...(sample !== undefined && sample !== null ? [sample] : []), ...standIns(rows, r, c)]);
      }
      const next = repairing.get(cellKey)?.shift();
      if (next === undefined) return problems; // no stand-in satisfies the reader: later problems stay unknown
      (rows[r] as CellValue[])[c] = next;
    }
  }
  return problems;
}

/** Validates assumption tables (keyed by canonical name) each on its own, then across tables. */
export function validateTables(tables: ReadonlyMap<string, TableInput>, limit = 50): Problem[] {
  const problems: Problem[] = [];
  const clean = new Map<string, TableInput>();
  for (const [kind, content] of tables) {
    const found = validateTable(kind, content, limit);
    problems.push(...found);
    if (found.length === 0) clean.set(kind, content);
  }
  // cross-table: the model points' attained ages must lie in the mortality (and YRT) tables
  const mp = clean.get("model_points");
  const others = ["mortality", "yrt_rates"].filter((k) => clean.has(k));
  if (mp && others.length > 0) {
    const set: Record<string, HeaderTable> = { model_points: asHeaderTable(mp) };
    for (const k of others) set[k] = asHeaderTable(clean.get(k) as TableInput);
    try {
      readAssumptionSet(set);
    } catch (raw) {
      if (!(raw instanceof McevError)) throw raw;
      const owner = [mp, ...others.map((k) => clean.get(k) as TableInput)].find((t) => t.name === raw.argument) ?? mp;
      problems.push(problemOf(raw, owner));
    }
  }
  // cross-table: the valuation's currency needs a curve, its tax jurisdiction a tax rate
  const valuation = clean.get(VALUATION_TABLE);
  if (valuation) {
    const other = (k: string) => (clean.has(k) ? asHeaderTable(clean.get(k) as TableInput) : undefined);
    const zeroCurve = other("zero_curve");
    const tax = other("tax");
    const e = crossCheckValuation(asHeaderTable(valuation), { ...(zeroCurve ? { zero_curve: zeroCurve } : {}), ...(tax ? { tax } : {}) });
    if (e) problems.push(problemOf(e, valuation));
  }
  return problems;
}

function asHeaderTable(t: TableInput): HeaderTable {
  return { name: t.name, header: [...t.header], rows: t.rows };
}

/** Reads the workbook's assumption tables and validates them. */
export async function validateWorkbook(wb: Workbook, limit = 50): Promise<ValidationReport> {
  const tables: Map<string, TableContent> = await readAssumptionTables(wb);
  const problems = validateTables(tables, limit);
  const present = new Set([...tables.keys()]);
  return {
    problems,
    checked: [...tables.values()].map((t) => t.name),
    missing: TEMPLATES.map((t) => t.name).filter((n) => !present.has(n) && assumptionTableName(n) !== undefined),
  };
}
