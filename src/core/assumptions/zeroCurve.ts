import * as v from "valibot";
import { invalid } from "../errors";
import type { HeaderTable } from "../projection/table";
import { interest, numberIn, text } from "./fields";
import { KeyRegistry, mapColumns, normalise, parseRow, readRows, refuseCell, rowObject, usable, type Cell } from "./rows";

/**
 * zero_curve — the reference curve's nodes: annually compounded zero rates by term in years, the input
 * of fitCurve (src/core/curves). Two layouts:
 *  - long: `term,rate` with an optional `currency` column, one row per (currency, term);
 *  - wide (examples/curves/swap-zero-*.csv): `term` then one column per currency (EUR, USD, …).
 * Terms > 0, strictly ascending within a currency; rates above −1 and below 1.
 */
export const ZeroCurveRowSchema = v.object({
  term: numberIn("a term in years > 0", 0, 1000, { lo: true }),
  rate: interest(),
  currency: v.optional(text()),
});
export type ZeroCurveRow = v.InferOutput<typeof ZeroCurveRowSchema>;

/** Ready for fitCurve({ terms, rates, … }). */
export interface CurveNodes {
  readonly terms: Float64Array;
  readonly rates: Float64Array;
}

export interface ZeroCurves {
  /** Curves by currency in upper case, in the order of the table; "" for a table without currencies. */
  readonly byCurrency: ReadonlyMap<string, CurveNodes>;
}

export function readZeroCurve(input: HeaderTable): ZeroCurves {
  const table = usable(input);
  const header = table.header.map(normalise);
  if (header.includes("rate")) return readLong(table);
  return readWide(table);
}

function readLong(table: HeaderTable): ZeroCurves {
  const { rows, columns } = readRows(table, ZeroCurveRowSchema);
  const label = columns.label("term");
  const keys = new KeyRegistry<string>(table);
  const acc = new Map<string, { terms: number[]; rates: number[] }>();
  rows.forEach((row, r) => {
    const ccy = (row.currency ?? "").toUpperCase();
    keys.add(`${ccy}|${row.term}`, r, label, () => `term ${row.term}${ccy ? ` in ${ccy}` : ""}`);
    let c = acc.get(ccy);
    if (!c) acc.set(ccy, (c = { terms: [], rates: [] }));
    const prev = c.terms[c.terms.length - 1];
    if (prev !== undefined && !(row.term > prev)) refuseCell(table, r, label, `term ${row.term} comes after term ${prev}${ccy ? ` (${ccy})` : ""}; terms must be ascending`);
    c.terms.push(row.term);
    c.rates.push(row.rate);
  });
  if (acc.has("") && acc.size > 1) invalid(table.name, "has rows with and rows without a currency; give every row a currency");
  return { byCurrency: new Map([...acc].map(([k, c]) => [k, { terms: Float64Array.from(c.terms), rates: Float64Array.from(c.rates) }])) };
}

function readWide(table: HeaderTable): ZeroCurves {
  const columns = mapColumns(table, ["term"], ["term"], {
    extra: (n) => /^[a-z]{3}$/.test(n),
    expected: 'the columns are "term", "rate" and an optional "currency", or "term" and one column per currency (EUR, USD, …)',
  });
  if (columns.extra.length === 0) invalid(table.name, `has no column "rate" and no currency columns; its columns are ${table.header.join(", ")}`);
  const entries: v.ObjectEntries = { term: ZeroCurveRowSchema.entries.term };
  for (const c of columns.extra) entries[`#${c}`] = interest();
  const schema = v.object(entries);
  const cols: [string, number][] = [["term", columns.index.get("term") as number], ...columns.extra.map((c) => [`#${c}`, c] as [string, number])];
  const label = (key: string) => (key.startsWith("#") ? (table.header[Number(key.slice(1))] as string) : columns.label(key));
  const terms: number[] = [];
  const byColumn = columns.extra.map(() => [] as number[]);
  table.rows.forEach((row, r) => {
    const p = parseRow(table, schema, rowObject(row, cols), r, label, (key) => row[key.startsWith("#") ? Number(key.slice(1)) : (columns.index.get(key) ?? -1)] as Cell) as Record<string, number>;
    const t = p.term as number;
    const prev = terms[terms.length - 1];
    if (prev !== undefined && !(t > prev)) refuseCell(table, r, columns.label("term"), t === prev ? `a second row for term ${t} (the first is row ${r})` : `term ${t} comes after term ${prev}; terms must be ascending`);
    terms.push(t);
    columns.extra.forEach((c, k) => (byColumn[k] as number[]).push(p[`#${c}`] as number));
  });
  const seen = new Set<string>();
  const byCurrency = new Map<string, CurveNodes>();
  columns.extra.forEach((c, k) => {
    const ccy = String(table.header[c]).trim().toUpperCase();
    if (seen.has(ccy)) invalid(table.name, `has two columns for ${ccy}`);
    seen.add(ccy);
    byCurrency.set(ccy, { terms: Float64Array.from(terms), rates: Float64Array.from(byColumn[k] as number[]) });
  });
  return { byCurrency };
}

/** The nodes of one currency (case-insensitive); without a currency, the table's only curve. */
export function curveNodes(curves: ZeroCurves, currency?: string, tableName = "zero_curve"): CurveNodes {
  if (currency === undefined || currency === "") {
    if (curves.byCurrency.size === 1) return [...curves.byCurrency.values()][0] as CurveNodes;
    invalid(tableName, `has curves for ${[...curves.byCurrency.keys()].join(", ")}; say which currency`);
  }
  const c = curves.byCurrency.get(currency.toUpperCase()) ?? (curves.byCurrency.size === 1 ? curves.byCurrency.get("") : undefined);
  if (c === undefined) invalid(tableName, `has no curve for ${currency}; it has ${[...curves.byCurrency.keys()].join(", ") || "one curve without a currency"}`);
  return c;
}
