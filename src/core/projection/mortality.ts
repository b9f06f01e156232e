import { invalid } from "../errors";
import { monthlyRate } from "./rates";

/**
 * A select-and-ultimate mortality table: annual q by attained age (rows) and policy year (columns
 * 0 .. selectYears − 1 are the select rates, the last column the ultimate rate for later years).
 * A table with one column is an ultimate (aggregate) table.
 */
export interface MortalityTable {
  readonly minAge: number;
  readonly maxAge: number;
  /** Number of columns: select years + 1 (the ultimate column). */
  readonly columns: number;
  /** Annual q, row-major (age − minAge) × columns. */
  readonly q: Float64Array;
}

/** Builds and checks a table; `name` is the assumption table's name in messages. */
export function makeMortalityTable(minAge: number, q: ArrayLike<number>, columns: number, name = "mortality"): MortalityTable {
  if (!Number.isInteger(minAge) || minAge < 0) invalid(name, `the first age ${minAge} is not a whole number of years >= 0`);
  if (!Number.isInteger(columns) || columns < 1) invalid(name, "needs at least one column of rates");
  if (q.length === 0 || q.length % columns !== 0) invalid(name, `has ${q.length} rates, not a whole number of rows of ${columns}`);
  const rates = Float64Array.from(q);
  rates.forEach((x, k) => {
    if (!(x >= 0 && x <= 1)) invalid(name, `row ${Math.floor(k / columns) + 1}, column ${(k % columns) + 1}: ${x} is not a probability between 0 and 1`, k);
  });
  return { minAge, maxAge: minAge + rates.length / columns - 1, columns, q: rates };
}

/**
 * Monthly rates of a mortality table (same layout), computed once per run: the projection loop then
 * looks rates up instead of calling pow for every policy-month.
 */
export function monthlyMortality(table: MortalityTable): Float64Array {
  return table.q.map(monthlyRate);
}

/** Index of (attained age, policy year) in the table's arrays; the caller has checked the age range. */
export function mortalityIndex(table: MortalityTable, age: number, policyYear: number): number {
  const col = policyYear < table.columns - 1 ? policyYear : table.columns - 1;
  return (age - table.minAge) * table.columns + col;
}
