import * as v from "valibot";
import { invalid } from "../errors";
import type { HeaderTable } from "../projection/table";
import { age, sex, type Sex } from "./fields";
import { checkHasRows, KeyRegistry, mapColumns, parseRow, refuseCell, rowObject, type Cell } from "./rows";

/** Tables that may hold one set of rates for everybody or one per sex. */
export interface BySex<T> {
  /** No sex column: the same rates for everybody. */
  readonly unisex?: T;
  readonly M?: T;
  readonly F?: T;
}

/** Rates by consecutive attained ages minAge..maxAge, `columns` values per age, row-major. */
export interface AgeBlock {
  readonly minAge: number;
  readonly maxAge: number;
  readonly columns: number;
  readonly values: Float64Array;
}

export interface AgeTableLayout {
  /** Header names accepted for the age column (canonical key "age"). */
  ageAliases: readonly string[];
  /** Accepts a value column by its normalised header. */
  isValueColumn: (normalised: string) => boolean;
  /** Explains the columns when one is refused. */
  expected: string;
  /** Schema of one value cell. */
  value: v.GenericSchema<unknown, number>;
}

/**
 * Reads a table keyed by attained age (and sex, when it has a sex column): every age at most once per
 * sex, ages ascending and consecutive within each sex (the rows of the two sexes may come one block
 * after the other or interleaved).
 */
export function readAgeTable(table: HeaderTable, layout: AgeTableLayout): { blocks: BySex<AgeBlock>; valueColumns: readonly number[] } {
  checkHasRows(table);
  const columns = mapColumns(table, ["age", "sex"], ["age"], {
    aliases: { age: layout.ageAliases },
    extra: (n) => layout.isValueColumn(n),
    expected: layout.expected,
  });
  const valueColumns = columns.extra;
  if (valueColumns.length === 0) invalid(table.name, `has no columns of rates; ${layout.expected}`);
  const hasSex = columns.index.has("sex");
  const entries: v.ObjectEntries = { age: age() };
  if (hasSex) entries.sex = sex();
  const valueKeys = valueColumns.map((c) => `#${c}`);
  for (const k of valueKeys) entries[k] = layout.value;
  const schema = v.object(entries);
  const cols: [string, number][] = [...columns.index.entries(), ...valueColumns.map((c, k) => [valueKeys[k] as string, c] as [string, number])];
  const label = (key: string) => (key.startsWith("#") ? (table.header[Number(key.slice(1))] as string) : columns.label(key));
  const ageLabel = columns.label("age");
  const keys = new KeyRegistry<string>(table);
  const groups = new Map<Sex | "unisex", { ages: number[]; values: number[] }>();
  table.rows.forEach((row, r) => {
    const parsed = parseRow(table, schema, rowObject(row, cols), r, label, (key) => row[key.startsWith("#") ? Number(key.slice(1)) : (columns.index.get(key) ?? -1)] as Cell) as Record<string, unknown>;
    const a = parsed.age as number;
    const s = hasSex ? (parsed.sex as Sex) : "unisex";
    keys.add(`${s}|${a}`, r, ageLabel, () => (hasSex ? `age ${a}, sex ${s}` : `age ${a}`));
    let g = groups.get(s);
    if (!g) groups.set(s, (g = { ages: [], values: [] }));
    const prev = g.ages[g.ages.length - 1];
    const who = hasSex ? ` (sex ${s})` : "";
    if (prev !== undefined && a < prev) refuseCell(table, r, ageLabel, `age ${a} comes after age ${prev}${who}; sort the rows by age`);
    if (prev !== undefined && a !== prev + 1) {
      refuseCell(table, r, ageLabel, `age ${a} does not follow age ${prev}${who}; ages must be consecutive (${prev + 1}${a > prev + 2 ? `..${a - 1} are` : " is"} missing)`);
    }
    g.ages.push(a);
    for (const k of valueKeys) g.values.push(parsed[k] as number);
  });
  const block = (g: { ages: number[]; values: number[] }): AgeBlock => ({
    minAge: g.ages[0] as number,
    maxAge: g.ages[g.ages.length - 1] as number,
    columns: valueColumns.length,
    values: Float64Array.from(g.values),
  });
  const out: { unisex?: AgeBlock; M?: AgeBlock; F?: AgeBlock } = {};
  for (const [s, g] of groups) out[s] = block(g);
  return { blocks: out, valueColumns };
}

/** The rates for a sex: the sex's own, else the unisex ones; refused when the table has neither. */
export function forSex<T>(bySex: BySex<T>, s: Sex | undefined, tableName: string): T {
  if (s !== undefined) {
    const t = bySex[s] ?? bySex.unisex;
    if (t === undefined) invalid(tableName, `has no rates for sex ${s}`);
    return t;
  }
  if (bySex.unisex === undefined) invalid(tableName, "has rates by sex (a sex column); the model points need a sex column too");
  return bySex.unisex;
}

/** Applies `f` to every block of a BySex. */
export function mapBySex<T, U>(bySex: BySex<T>, f: (t: T, s: Sex | undefined) => U): BySex<U> {
  const out: { unisex?: U; M?: U; F?: U } = {};
  if (bySex.unisex !== undefined) out.unisex = f(bySex.unisex, undefined);
  if (bySex.M !== undefined) out.M = f(bySex.M, "M");
  if (bySex.F !== undefined) out.F = f(bySex.F, "F");
  return out;
}
