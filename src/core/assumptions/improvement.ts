import * as v from "valibot";
import { invalid } from "../errors";
import { flatImprovement, makeImprovementTable, type ImprovementBasis } from "../projection/improvement";
import type { HeaderTable } from "../projection/table";
import { mapBySex, readAgeTable, type BySex } from "./ageTable";
import { age, numberIn, sex, wholeIn } from "./fields";
import { normalise, readRows, usable } from "./rows";

/**
 * mortality_improvement — annual improvement rates imp(x, y), the reduction of q at attained age x
 * from calendar year y to y + 1 (projection/improvement.ts applies them from the base year). Layouts:
 *  - flat: a column `rate` (and optionally `base_year`, the calendar year of the base table's rates)
 *    and one row: the same improvement at every age in every year;
 *  - by age and calendar year: an `age` column (and an optional `sex` column), then one column per
 *    calendar year, consecutive (2012, 2013, …); ages consecutive. Outside the table the nearest
 *    age and year apply (the last year continues).
 */
export const ImprovementRate = numberIn("an improvement rate above -1 and below 1 (a decimal: 0.015 for 1.5% a year)", -1, 1, { lo: true, hi: true });
export const FlatImprovementRowSchema = v.object({
  rate: ImprovementRate,
  base_year: v.optional(wholeIn("a calendar year, a whole number from 1800 to 2300", 1800, 2300)),
});
export const ImprovementRowSchema = v.object({ age: age(), sex: v.optional(sex()) });

/** The engine's improvement basis, one per sex, or one for everybody (always so for a flat rate). */
export type MortalityImprovement = BySex<ImprovementBasis>;

const YEAR = /^\d{4}$/;

export function readMortalityImprovement(input: HeaderTable): MortalityImprovement {
  const table = usable(input);
  const header = table.header.map(normalise);
  if (header.includes("rate")) {
    const { rows } = readRows(table, FlatImprovementRowSchema);
    if (rows.length !== 1) invalid(table.name, `has ${rows.length} rows; a flat improvement ("rate" column) takes exactly one row`);
    const row = rows[0] as v.InferOutput<typeof FlatImprovementRowSchema>;
    return { unisex: flatImprovement(row.rate, row.base_year, table.name) };
  }
  const { blocks, valueColumns } = readAgeTable(table, {
    ageAliases: [],
    isValueColumn: (n) => YEAR.test(n),
    expected: 'either the column "rate" (flat, with an optional "base_year"), or "age" (and an optional "sex") then one column per calendar year, e.g. 2012, 2013, …',
    value: ImprovementRate,
  });
  const years = valueColumns.map((c) => Number(table.header[c]));
  years.forEach((y, k) => {
    const prev = years[k - 1];
    if (prev !== undefined && y !== prev + 1) {
      invalid(table.name, `column ${(valueColumns[k] as number) + 1} is the year ${y} after ${prev}; the year columns must be consecutive calendar years in order`);
    }
  });
  return mapBySex(blocks, (b) => makeImprovementTable(b.minAge, years[0] as number, years.length, b.values, { name: table.name }));
}
