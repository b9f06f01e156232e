import * as v from "valibot";
import { invalid } from "../errors";
import type { HeaderTable } from "../projection/table";
import { fastCheck } from "./fields";

/**
 * Reading the rows of an assumption table with a valibot row schema: columns found by header name
 * (case-insensitive; blanks at either end ignored; inner blanks and hyphens read as "_", so
 * "Age at entry" is age_at_entry), every row validated, and every refusal ONE McevError #VALUE! whose
 * argument is the table's name and whose detail names the 1-based data row (the first row after the
 * header is row 1) and the column as the header spells it, e.g.
 *   model_points: row 12, column sum_assured: -5 is not an amount >= 0
 */

export type Cell = number | string | boolean | null | undefined;

/** A row schema: an object schema whose keys are canonical column names. */
export type RowSchema = v.ObjectSchema<v.ObjectEntries, undefined>;

/** Canonical form of a header or key name. */
export function normalise(name: string): string {
  return String(name).trim().toLowerCase().replace(/[\s-]+/g, "_");
}

/** A cell as text in a message: text quoted, numbers and booleans as written. */
export function show(cell: Cell): string {
  if (typeof cell === "string") return JSON.stringify(cell);
  if (typeof cell === "boolean") return cell ? "TRUE" : "FALSE";
  return String(cell);
}

export function isBlank(cell: Cell): boolean {
  return cell === null || cell === undefined || (typeof cell === "string" && cell.trim() === "");
}

/** Refuses a cell: "<table>: row r, column c: <detail>" (r is 0-based here, 1-based in the message). */
export function refuseCell(table: HeaderTable, row: number, column: string, detail: string): never {
  // A numeric header (a select year 0..5, a calendar year) is quoted: column "1", not column 1.
  const shown = /^[\d.]+$/.test(column) ? `"${column}"` : column;
  invalid(table.name, `row ${row + 1}, column ${shown}: ${detail}`);
}

/** "is blank; give …" or "<value> is not …". */
export function notA(cell: Cell, phrase: string): string {
  return isBlank(cell) ? `is blank; give ${phrase}` : `${show(cell)} is not ${phrase}`;
}

export function columnList(table: HeaderTable): string {
  return table.header.map((h) => (h === "" ? "(blank)" : h)).join(", ");
}

export function missingColumn(table: HeaderTable, column: string, alternatives: readonly string[] = []): never {
  const names = [column, ...alternatives].map((c) => `"${c}"`).join(" or ");
  invalid(table.name, `has no column ${names}; its columns are ${columnList(table)}`);
}

export function checkHasRows(table: HeaderTable): void {
  if (table.rows.length === 0) invalid(table.name, "has no rows of data under its header");
}

/** Where each canonical column sits in a table. */
export interface ColumnMap {
  /** Column index by canonical key (absent when the table has no such column). */
  readonly index: ReadonlyMap<string, number>;
  /** Keys of columns that are not canonical columns (accepted by `extra`), in header order. */
  readonly extra: readonly number[];
  /** The header as the table spells it. */
  label(key: string): string;
}

export interface ColumnOptions {
  /** Other accepted header names per canonical key, e.g. { policy_id: ["point_id"] }. */
  aliases?: Readonly<Record<string, readonly string[]>>;
  /** Accepts a header that is not a canonical column (e.g. select years 0..5); others are refused. */
  extra?: (normalised: string, index: number) => boolean;
  /** How the refusal of an unknown column explains what the table's columns are. */
  expected?: string;
}

/**
 * Maps the header onto canonical keys: a column given twice (or under two aliases), an unknown column
 * and a missing required column are refused.
 */
export function mapColumns(table: HeaderTable, keys: readonly string[], required: readonly string[], options: ColumnOptions = {}): ColumnMap {
  const byName = new Map<string, string>();
  for (const key of keys) {
    byName.set(key, key);
    for (const alias of options.aliases?.[key] ?? []) byName.set(normalise(alias), key);
  }
  const index = new Map<string, number>();
  const extra: number[] = [];
  table.header.forEach((h, c) => {
    const n = normalise(h);
    const key = byName.get(n);
    if (key !== undefined) {
      const first = index.get(key);
      if (first !== undefined) invalid(table.name, `has two columns for ${key}: "${table.header[first]}" and "${h}"`);
      index.set(key, c);
    } else if (options.extra?.(n, c)) {
      extra.push(c);
    } else if (n === "") {
      invalid(table.name, `column ${c + 1} has a blank header; its columns are ${columnList(table)}`);
    } else {
      const expected = options.expected ?? `the columns it knows are ${keys.join(", ")}`;
      invalid(table.name, `has a column "${h}" it does not know; ${expected}`);
    }
  });
  for (const key of required) if (!index.has(key)) missingColumn(table, key, options.aliases?.[key] ?? []);
  return { index, extra, label: (key) => table.header[index.get(key) ?? -1] ?? key };
}

/** Keys of the schema's required (not optional) entries. */
export function requiredKeys(schema: RowSchema): string[] {
  return Object.entries(schema.entries)
    .filter(([, s]) => s.type !== "optional" && s.type !== "nullish")
    .map(([k]) => k);
}

/** A row of a table as an object of canonical keys → cells (blank cells as undefined, text trimmed). */
export function rowObject(row: readonly Cell[], columns: Iterable<readonly [string, number]>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, c] of columns) {
    const cell = row[c];
    out[key] = isBlank(cell) ? undefined : typeof cell === "string" ? cell.trim() : cell;
  }
  return out;
}

/**
 * Validates one row; the first issue becomes the error, naming the row, the column (as the header
 * spells it, through `label`) and what was expected (the schema's message).
 */
export function parseRow<S extends v.GenericSchema>(
  table: HeaderTable,
  schema: S,
  input: Record<string, unknown>,
  row: number,
  label: (key: string) => string,
  raw: (key: string) => Cell,
): v.InferOutput<S> {
  const result = v.safeParse(schema, input, { abortEarly: true });
  if (result.success) return result.output;
  const issue = result.issues[0];
  const key = issue.path?.[0]?.key;
  if (typeof key !== "string") invalid(table.name, `row ${row + 1}: ${issue.message}`);
  refuseCell(table, row, label(key), notA(raw(key), issue.message));
}

/**
 * Reads every row of a table with a row schema whose keys are the canonical column names. A row whose
 * cells all pass their schemas' fast checks (fields.ts) is taken as it is; any other row is parsed by
 * valibot, which converts it or reports its first issue.
 */
export function readRows<S extends RowSchema>(table: HeaderTable, schema: S, options: ColumnOptions = {}): { rows: v.InferOutput<S>[]; columns: ColumnMap } {
  checkHasRows(table);
  const columns = mapColumns(table, Object.keys(schema.entries), requiredKeys(schema), options);
  const entries = [...columns.index.entries()];
  const plan = Object.entries(schema.entries).map(([key, entry]) => {
    const optional = entry.type === "optional";
    const inner = optional ? (entry as v.OptionalSchema<v.GenericSchema, unknown>).wrapped : entry;
    return { key, column: columns.index.get(key), optional, fallback: optional ? v.getDefault(entry as v.OptionalSchema<v.GenericSchema, unknown>) : undefined, accept: fastCheck(inner) };
  });
  const rows = table.rows.map((row, r) => {
    const out: Record<string, unknown> = {};
    for (const p of plan) {
      const cell = p.column === undefined ? undefined : row[p.column];
      if (cell === null || cell === undefined || cell === "") {
        if (!p.optional) return slow(row, r);
        if (p.fallback !== undefined) out[p.key] = p.fallback;
      } else if (p.accept?.(cell)) {
        out[p.key] = cell;
      } else {
        return slow(row, r);
      }
    }
    return out as v.InferOutput<S>;
  });
  function slow(row: readonly Cell[], r: number): v.InferOutput<S> {
    return parseRow(table, schema, rowObject(row, entries), r, columns.label, (key) => row[columns.index.get(key) ?? -1]);
  }
  return { rows, columns };
}

/** Refuses a second row with the same key, naming both rows. */
export class KeyRegistry<K> {
  private readonly first = new Map<K, number>();
  constructor(private readonly table: HeaderTable) {}
  /** `what` describes the key in the message, e.g. "age 30, sex M" (called only to refuse). */
  add(key: K, row: number, column: string, what: () => string): void {
    const first = this.first.get(key);
    if (first !== undefined) refuseCell(this.table, row, column, `a second row for ${what()} (the first is row ${first + 1})`);
    this.first.set(key, row);
  }
}

/**
 * The table without what a worksheet range adds around an Excel table: rows at the end whose cells
 * are all blank, and columns with a blank header and only blank cells. Rows keep their numbers.
 */
export function usable(table: HeaderTable): HeaderTable {
  const blankRow = (row: readonly Cell[]) => row.every(isBlank);
  let n = table.rows.length;
  while (n > 0 && blankRow(table.rows[n - 1] as readonly Cell[])) n--;
  const rows = n === table.rows.length ? table.rows : table.rows.slice(0, n);
  const drop = table.header.map((h, c) => isBlank(h) && rows.every((row) => isBlank(row[c])));
  if (!drop.includes(true)) return rows === table.rows ? table : { name: table.name, header: table.header, rows };
  const keep = (xs: readonly Cell[]) => xs.filter((_, c) => !drop[c]);
  return { name: table.name, header: keep(table.header) as string[], rows: rows.map((row) => keep(row) as (number | string | boolean | null)[]) };
}
