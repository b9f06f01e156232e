import { invalid } from "../errors";
import { normalise, refuseCell, usable } from "../assumptions/rows";
import type { HeaderTable } from "../projection/table";

/**
 * Surrender-charge rates by policy year (0 = the first year) for several charge patterns (columns,
 * lifelib's surr_charge_table: duration, type_1, type_2, …). The charge on a surrender is
 * rate × the account value paid out; the last year's rate continues for later years.
 */
export interface SurrenderChargeTable {
  /** Pattern names as the header spells them (the model points' surr_charge_id). */
  readonly ids: readonly string[];
  /** Number of policy years (rows). */
  readonly years: number;
  /** Rates, row-major year × pattern. */
  readonly rates: Float64Array;
}

export function makeSurrenderChargeTable(ids: readonly string[], byYear: readonly (readonly number[])[], name = "surr_charge_table"): SurrenderChargeTable {
  if (ids.length === 0) invalid(name, "has no surrender-charge pattern columns");
  if (byYear.length === 0) invalid(name, "has no rows of rates");
  const rates = new Float64Array(byYear.length * ids.length);
  byYear.forEach((row, y) => {
    if (row.length !== ids.length) invalid(name, `row ${y + 1} has ${row.length} rates for ${ids.length} patterns`);
    row.forEach((x, k) => {
      if (!(x >= 0 && x <= 1)) invalid(name, `row ${y + 1}, column ${ids[k]}: ${x} is not a rate between 0 and 1`, y * ids.length + k);
      rates[y * ids.length + k] = x;
    });
  });
  return { ids, years: byYear.length, rates };
}

/** The rate of pattern `column` in policy year `year` (the last year continues). */
export function surrenderChargeRate(table: SurrenderChargeTable, column: number, year: number): number {
  const y = year < table.years ? year : table.years - 1;
  return table.rates[y * table.ids.length + column] as number;
}

/** Column of a pattern, or −1 when the table has none by that name. */
export function surrenderChargeColumn(table: SurrenderChargeTable, id: string): number {
  return table.ids.indexOf(id);
}

/**
 * surr_charge_table: a `duration` column (whole policy years 0, 1, … consecutive; "policy_year"
 * 1, 2, … is accepted too) and one column of rates per pattern, headed by its id.
 */
export function readSurrenderCharges(input: HeaderTable): SurrenderChargeTable {
  const table = usable(input);
  const header = table.header.map(normalise);
  let yearCol = header.indexOf("duration");
  let base = 0;
  if (yearCol < 0) {
    yearCol = header.indexOf("policy_year");
    base = 1;
  }
  if (yearCol < 0) invalid(table.name, `has no column "duration" (policy years from 0) or "policy_year" (from 1); its columns are ${table.header.join(", ")}`);
  if (table.rows.length === 0) invalid(table.name, "has no rows of data under its header");
  const cols = header.flatMap((_, c) => (c === yearCol ? [] : [c]));
  cols.forEach((c) => {
    if (header[c] === "") invalid(table.name, `column ${c + 1} has a blank header; each pattern column is headed by its id`);
  });
  const byYear = table.rows.map((row, r) => {
    const y = row[yearCol];
    if (y !== base + r) refuseCell(table, r, table.header[yearCol] as string, `${String(y)} is not policy year ${base + r}; the years start at ${base} and are consecutive`);
    return cols.map((c) => {
      const x = row[c];
      if (typeof x !== "number" || !(x >= 0 && x <= 1)) refuseCell(table, r, table.header[c] as string, `${x === null || x === undefined || x === "" ? "is blank; give" : `${String(x)} is not`} a rate between 0 and 1`);
      return x;
    });
  });
  return makeSurrenderChargeTable(cols.map((c) => String(table.header[c]).trim()), byYear, table.name);
}
