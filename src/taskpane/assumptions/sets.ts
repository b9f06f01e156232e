import type { Workbook } from "../workbook/workbook";
import { fromJson, toJson, withPresentation, type AssumptionSetData } from "./io";
import { placeTables, readAssumptionTables, type Confirm, type PlaceReport } from "./tables";

/**
 * Named assumption sets (a base and its variants) kept inside the workbook, in its store (custom XML
 * parts in Excel), so that they travel with the file and a run can choose one. The workbook's own
 * assumption tables are the working set: "save as" stores a copy of them under a name; "load" writes
 * a stored set back into the tables (after confirmation, since it replaces their contents).
 */
const PREFIX = "assumption-set:";

/** The choice "the assumption tables as they are in the workbook now". */
export const WORKBOOK_TABLES = "";

export interface SetSummary {
  name: string;
  savedAt?: string;
  tables: string[];
}

export function setNameProblem(name: string): string | undefined {
  const n = name.trim();
  if (n === "") return "give the set a name";
  if (n.length > 64) return "a set name has at most 64 characters";
  return undefined;
}

/** The workbook's assumption tables as a set named `name`. */
export async function workbookSet(wb: Workbook, name = "Workbook tables"): Promise<AssumptionSetData> {
  const tables = await readAssumptionTables(wb);
  return { name, tables: [...tables.entries()].map(([kind, t]) => ({ name: kind, header: t.header, rows: t.rows })) };
}

export async function listSets(wb: Workbook): Promise<SetSummary[]> {
  const out: SetSummary[] = [];
  for (const key of await wb.store.keys(PREFIX)) {
    const text = await wb.store.get(key);
    if (text === undefined) continue;
    try {
      const { set } = fromJson(text, key.slice(PREFIX.length));
      out.push({ name: key.slice(PREFIX.length), savedAt: set.savedAt, tables: set.tables.map((t) => t.name) });
    } catch {
      out.push({ name: key.slice(PREFIX.length), tables: [] });
    }
  }
  return out;
}

export async function getSet(wb: Workbook, name: string): Promise<AssumptionSetData | undefined> {
  const text = await wb.store.get(PREFIX + name.trim());
  return text === undefined ? undefined : { ...fromJson(text, name).set, name: name.trim() };
}

/** The set a run uses: the workbook's tables (WORKBOOK_TABLES) or a stored set. */
export async function resolveSet(wb: Workbook, choice: string): Promise<AssumptionSetData> {
  if (choice === WORKBOOK_TABLES) return workbookSet(wb);
  const set = await getSet(wb, choice);
  if (!set) throw new Error(`the workbook has no assumption set "${choice}"`);
  return set;
}

/**
 * Stores a set under its name (the workbook's current tables when `set` is omitted). A set of that name
 * is overwritten only when the user confirms; returns false when they decline.
 */
export async function saveSet(wb: Workbook, name: string, confirm: Confirm, set?: AssumptionSetData, now = new Date()): Promise<boolean> {
  const problem = setNameProblem(name);
  if (problem) throw new Error(problem);
  const n = name.trim();
  if ((await wb.store.get(PREFIX + n)) !== undefined && !(await confirm(`An assumption set named "${n}" is already stored in the workbook. Replace it?`))) return false;
  const data = set ?? (await workbookSet(wb, n));
  if (data.tables.length === 0) throw new Error("there are no assumption tables to save: create or import them first");
  await wb.store.set(PREFIX + n, toJson({ ...data, name: n, savedAt: now.toISOString() }));
  return true;
}

/** Deletes a stored set after confirmation. */
export async function deleteSet(wb: Workbook, name: string, confirm: Confirm): Promise<boolean> {
  if ((await wb.store.get(PREFIX + name)) === undefined) throw new Error(`the workbook has no assumption set "${name}"`);
  if (!(await confirm(`Delete the assumption set "${name}" from the workbook?`))) return false;
  await wb.store.delete(PREFIX + name);
  return true;
}

/** Writes a set's tables into the workbook's assumption tables (replacing existing ones only after confirmation). */
export async function writeSetToWorkbook(wb: Workbook, set: AssumptionSetData, confirm: Confirm): Promise<PlaceReport> {
  return placeTables(wb, set.tables.map(withPresentation), confirm, undefined, `Replace {them} with the tables of "${set.name}"? Their current contents will be lost.`);
}

/** Loads a stored set into the workbook's tables. */
export async function loadSet(wb: Workbook, name: string, confirm: Confirm): Promise<PlaceReport> {
  const set = await getSet(wb, name);
  if (!set) throw new Error(`the workbook has no assumption set "${name}"`);
  return writeSetToWorkbook(wb, set, confirm);
}
