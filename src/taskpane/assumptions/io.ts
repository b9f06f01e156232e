import { parseCsv } from "../../cli/csv";
import type { CellValue } from "../../functions/cells";
import { assumptionTableName, type TableData } from "./tables";
import { templateFor } from "./templates";

/**
 * A whole assumption set in and out of the pane: one CSV file per table (named like the table,
 * e.g. mortality.csv — the layout of examples/assumptions and of `mcev run --assumptions`), or one JSON
 * file:
 *   { "format": "mcev-assumption-set", "version": 1, "name": "base",
 *     "tables": { "lapse": { "header": ["policy_year", "rate"], "rows": [[1, 0.1], …] }, … } }
 * A JSON file may also give a table as one array of rows, header first.
 */
export interface AssumptionSetData {
  name: string;
  /** ISO time the set was saved or exported, when known. */
  savedAt?: string;
  tables: TableData[];
}

export const JSON_FORMAT = "mcev-assumption-set";

export interface ImportedFile {
  name: string;
  text: string;
}

export interface ImportResult {
  set: AssumptionSetData;
  /** Files or tables that were not taken, with the reason. */
  skipped: { file: string; reason: string }[];
}

// ---- CSV

/** One cell as a CSV field: numbers in shortest round-trip form, TRUE/FALSE, text quoted when needed. */
export function csvField(cell: CellValue | undefined): string {
  if (cell === null || cell === undefined || cell === "") return "";
  if (typeof cell === "number") return Number.isFinite(cell) ? String(cell) : "";
  if (typeof cell === "boolean") return cell ? "TRUE" : "FALSE";
  return /[",\r\n]/.test(cell) || cell !== cell.trim() ? `"${cell.replace(/"/g, '""')}"` : cell;
}

export function toCsv(table: Pick<TableData, "header" | "rows">): string {
  return [table.header, ...table.rows].map((row) => row.map(csvField).join(",")).join("\n") + "\n";
}

/** One CSV file per table: lapse.csv, mortality.csv, … */
export function toCsvFiles(set: AssumptionSetData): { fileName: string; content: string }[] {
  return set.tables.map((t) => ({ fileName: `${t.name}.csv`, content: toCsv(t) }));
}

function baseName(fileName: string): string {
  return (fileName.split(/[\\/]/).pop() ?? fileName).replace(/\.[^.]*$/, "");
}

/** The table of one CSV file, named by the file's name (mortality.csv → mortality). */
export function tableFromCsv(file: ImportedFile): TableData {
  const name = assumptionTableName(baseName(file.name));
  if (name === undefined) throw new Error(`${file.name}: the file name is not an assumption table's (e.g. mortality.csv, lapse.csv, fx_rates.csv)`);
  const [header = [], ...rows] = parseCsv(file.text, file.name);
  return { name, header: header.map((h) => (h === null ? "" : String(h))), rows };
}

// ---- JSON

export function toJson(set: AssumptionSetData): string {
  const tables: Record<string, { header: string[]; rows: CellValue[][] }> = {};
  for (const t of set.tables) tables[t.name] = { header: t.header, rows: t.rows };
  return JSON.stringify({ format: JSON_FORMAT, version: 1, name: set.name, ...(set.savedAt ? { savedAt: set.savedAt } : {}), tables }, null, 1);
}

function isCell(x: unknown): x is CellValue {
  return x === null || typeof x === "string" || typeof x === "boolean" || (typeof x === "number" && Number.isFinite(x));
}

function matrixOf(x: unknown, where: string): CellValue[][] {
  if (!Array.isArray(x) || !x.every((r) => Array.isArray(r))) throw new Error(`${where}: expected an array of rows (arrays of cells)`);
  return x.map((row: unknown[], r) =>
    row.map((c, k) => {
      if (!isCell(c)) throw new Error(`${where}: row ${r + 1}, cell ${k + 1} is ${JSON.stringify(c)}, not a number, text, boolean or null`);
      return c;
    }),
  );
}

/** Reads a set from JSON (the format above); `fallbackName` names a set that carries no name. */
export function fromJson(text: string, fallbackName: string): ImportResult {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new Error(`${fallbackName}: not valid JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  if (typeof doc !== "object" || doc === null || Array.isArray(doc)) throw new Error(`${fallbackName}: expected a JSON object with "tables"`);
  const o = doc as Record<string, unknown>;
  if (o.format !== undefined && o.format !== JSON_FORMAT) throw new Error(`${fallbackName}: format "${String(o.format)}" is not "${JSON_FORMAT}"`);
  const source = (o.tables ?? o) as Record<string, unknown>;
  if (typeof source !== "object" || source === null || Array.isArray(source)) throw new Error(`${fallbackName}: "tables" must be an object of tables by name`);
  const skipped: ImportResult["skipped"] = [];
  const tables: TableData[] = [];
  for (const [key, value] of Object.entries(source)) {
    if (o.tables === undefined && ["format", "version", "name", "savedAt"].includes(key)) continue;
    const name = assumptionTableName(key);
    if (name === undefined) {
      skipped.push({ file: `${fallbackName}: ${key}`, reason: "not an assumption table's name" });
      continue;
    }
    if (Array.isArray(value)) {
      const [header = [], ...rows] = matrixOf(value, `${fallbackName}: ${key}`);
      tables.push({ name, header: header.map((h) => (h === null ? "" : String(h))), rows });
    } else if (typeof value === "object" && value !== null) {
      const t = value as { header?: unknown; rows?: unknown };
      const header = matrixOf([t.header ?? []], `${fallbackName}: ${key}.header`)[0] ?? [];
      tables.push({ name, header: header.map((h) => (h === null ? "" : String(h))), rows: matrixOf(t.rows ?? [], `${fallbackName}: ${key}.rows`) });
    } else {
      skipped.push({ file: `${fallbackName}: ${key}`, reason: "expected { header, rows } or an array of rows" });
    }
  }
  const set: AssumptionSetData = { name: typeof o.name === "string" && o.name.trim() ? o.name.trim() : fallbackName, tables };
  if (typeof o.savedAt === "string") set.savedAt = o.savedAt;
  return { set, skipped };
}

/**
 * Imports files chosen by the user: one JSON file (a whole set), or CSV files (one table each). Files
 * that are not assumption tables are skipped with the reason; two files for one table are refused.
 */
export function importFiles(files: readonly ImportedFile[], setName = "imported"): ImportResult {
  const json = files.filter((f) => /\.json$/i.test(f.name));
  const csv = files.filter((f) => !/\.json$/i.test(f.name));
  if (json.length > 1 || (json.length === 1 && csv.length > 0)) throw new Error("choose either one JSON file (a whole set) or CSV files (one per table)");
  if (json.length === 1) {
    const f = json[0] as ImportedFile;
    return fromJson(f.text, baseName(f.name) || setName);
  }
  const skipped: ImportResult["skipped"] = [];
  const tables: TableData[] = [];
  for (const f of csv) {
    if (!/\.csv$/i.test(f.name)) {
      skipped.push({ file: f.name, reason: "not a .csv or .json file" });
      continue;
    }
    try {
      const t = tableFromCsv(f);
      const twin = tables.find((x) => x.name === t.name);
      if (twin) throw new Error(`${f.name}: a second file for the ${t.name} table`);
      tables.push(t);
    } catch (e) {
      if (e instanceof Error && /a second file/.test(e.message)) throw e;
      skipped.push({ file: f.name, reason: e instanceof Error ? e.message : String(e) });
    }
  }
  return { set: { name: setName, tables }, skipped };
}

/** A table with its template's title (and number formats when the header is the template's), for writing it into the workbook. */
export function withPresentation(t: TableData): TableData & { title: string; numberFormats?: (string | undefined)[] } {
  const tpl = templateFor(t.name);
  if (!tpl) return { ...t, title: t.name };
  const same = tpl.header.length === t.header.length && tpl.header.every((h, k) => h === t.header[k]);
  return same && tpl.numberFormats ? { ...t, title: tpl.title, numberFormats: tpl.numberFormats } : { ...t, title: tpl.title };
}
