import * as v from "valibot";
import { invalid } from "../errors";
import type { HeaderTable } from "../projection/table";
import { rate, text } from "./fields";
import { KeyRegistry, readRows, usable } from "./rows";

/**
 * tax — the tax rate on profits, one row per tax jurisdiction (seed 003 Table 14: France 34.4%,
 * Germany 32.5%, USA 35.0%, UK 24.0%, Ireland 12.5% for MCEV 2011). The key column is headed
 * `jurisdiction`, `country` or `currency`; a table with only a `rate` column and one row is a single rate.
 *   jurisdiction,rate
 *   France,0.344
 */
export const TaxRowSchema = v.object({ jurisdiction: v.optional(text()), rate: rate() });
export type TaxRow = v.InferOutput<typeof TaxRowSchema>;

export interface TaxRates {
  /** Rate by jurisdiction, the key in upper case ("FRANCE", "EUR"); empty for a single rate. */
  readonly byKey: ReadonlyMap<string, number>;
  /** The single rate of a table without a key column. */
  readonly single?: number;
}

export function readTax(input: HeaderTable): TaxRates {
  const table = usable(input);
  const { rows, columns } = readRows(table, TaxRowSchema, { aliases: { jurisdiction: ["country", "currency"] } });
  if (!columns.index.has("jurisdiction")) {
    if (rows.length !== 1) invalid(table.name, `has ${rows.length} rows but no column "jurisdiction" (or "country", "currency") to tell them apart`);
    return { byKey: new Map(), single: (rows[0] as TaxRow).rate };
  }
  const label = columns.label("jurisdiction");
  const keys = new KeyRegistry<string>(table);
  const byKey = new Map<string, number>();
  rows.forEach((row, r) => {
    if (row.jurisdiction === undefined) {
      invalid(table.name, `row ${r + 1}, column ${label}: is blank; give the jurisdiction of the rate`);
    }
    const key = row.jurisdiction.toUpperCase();
    keys.add(key, r, label, () => row.jurisdiction as string);
    byKey.set(key, row.rate);
  });
  return { byKey };
}

/** The rate of a jurisdiction (case-insensitive), or the single rate. */
export function taxRate(tax: TaxRates, jurisdiction?: string, tableName = "tax"): number {
  if (jurisdiction === undefined || tax.byKey.size === 0) {
    if (tax.single !== undefined) return tax.single;
    if (tax.byKey.size === 1) return [...tax.byKey.values()][0] as number;
    invalid(tableName, `has rates for ${[...tax.byKey.keys()].join(", ")}; say which jurisdiction`);
  }
  const r = tax.byKey.get(jurisdiction.toUpperCase());
  if (r === undefined) invalid(tableName, `has no rate for "${jurisdiction}"; it has ${[...tax.byKey.keys()].join(", ")}`);
  return r;
}
