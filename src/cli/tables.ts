import { readdirSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { fromCells, type HeaderTable } from "../core/projection/table";
import { parseCsv } from "./csv";
import { UsageError } from "./io";

/** One CSV file with a header row, as an assumption table named `name`. */
export function readTableFile(path: string, name: string): HeaderTable {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    throw new UsageError(`cannot read ${path}: ${(e as Error).message}`);
  }
  return fromCells(name, parseCsv(text, path));
}

/** Every CSV file of a folder, keyed by its name without ".csv" (the table's name), except `skip`. */
export function readTableFolder(dir: string, skip: readonly string[] = []): Record<string, HeaderTable> {
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => f.toLowerCase().endsWith(".csv"));
  } catch (e) {
    throw new UsageError(`cannot read the folder ${dir}: ${(e as Error).message}`);
  }
  const tables: Record<string, HeaderTable> = {};
  for (const f of files) {
    const name = basename(f, ".csv");
    if (!skip.includes(name)) tables[name] = readTableFile(join(dir, f), name);
  }
  return tables;
}

/**
 * A group valuation folder: its CSV files keyed by name, and the CSV files of each sub-folder keyed
 * "folder/name" (an entity's own tables; see src/core/valuation/groupTables.ts). Tables are named by
 * their path from `dir` in messages ("us_yrt/model_points").
 */
export function readTableTree(dir: string): Record<string, HeaderTable> {
  const tables = readTableFolder(dir);
  let subfolders: string[];
  try {
    subfolders = readdirSync(dir, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name);
  } catch (e) {
    throw new UsageError(`cannot read the folder ${dir}: ${(e as Error).message}`);
  }
  for (const sub of subfolders) {
    for (const [name, table] of Object.entries(readTableFolder(join(dir, sub)))) {
      tables[`${sub}/${name}`] = { ...table, name: `${sub}/${name}` };
    }
  }
  return tables;
}
