import * as v from "valibot";
import { invalid } from "../errors";
import { makeMortalityTable, type MortalityTable } from "../projection/mortality";
import type { HeaderTable } from "../projection/table";
import { usable } from "./rows";
import { mapBySex, readAgeTable, type BySex } from "./ageTable";
import { age, probability, sex } from "./fields";

/**
 * mortality — a select-and-ultimate table of annual q by attained age (rows) and policy year
 * (columns 0, 1, …, k: the select years; the last column is the ultimate rate, for policy years >= k).
 * One column of rates (headed 0 or q) is an ultimate (aggregate) table; the last column may also be
 * headed "ultimate". With a `sex` column (M/F) one table holds both sexes, each with consecutive ages.
 * lifelib's mort_table.csv is such a table:
 *   Age,0,1,2,3,4,5
 *   18,0.000231,0.000254,…
 */

/** The fixed columns of a mortality row; each rate column 0..k takes `MortalityRate`. */
export const MortalityRowSchema = v.object({ age: age(), sex: v.optional(sex()) });
export const MortalityRate = probability();
export type MortalityRow = v.InferOutput<typeof MortalityRowSchema> & { q: number[] };

/** The engine's tables, one per sex (or one for everybody), all with the same select period. */
export interface MortalityBasis {
  readonly tables: BySex<MortalityTable>;
  /** Number of select years (rate columns − 1); 0 for an ultimate table. */
  readonly selectYears: number;
}

const ULTIMATE = new Set(["ultimate", "ult"]);
const SINGLE = new Set(["q", "rate"]);

export function readMortality(input: HeaderTable): MortalityBasis {
  const table = usable(input);
  const { blocks, valueColumns } = readAgeTable(table, {
    ageAliases: ["attained_age", "x"],
    isValueColumn: (n) => /^\d+$/.test(n) || ULTIMATE.has(n) || SINGLE.has(n),
    expected: 'after the age column (and an optional "sex" column) come the select years 0, 1, …, k (the last one the ultimate rate), or one column "q" for an ultimate table',
    value: MortalityRate,
  });
  const n = valueColumns.length;
  valueColumns.forEach((c, k) => {
    const h = String(table.header[c]).trim().toLowerCase();
    const ok = /^\d+$/.test(h) ? Number(h) === k : ULTIMATE.has(h) ? k === n - 1 : n === 1;
    if (!ok) {
      invalid(table.name, `column ${c + 1} is headed "${table.header[c]}" where select year ${k} belongs; the rate columns are headed 0, 1, …, ${Math.max(n - 1, 1)} (the last may be "ultimate"), or one column "q" for an ultimate table`);
    }
  });
  const tables = mapBySex(blocks, (b) => makeMortalityTable(b.minAge, b.values, b.columns, table.name));
  return { tables, selectYears: n - 1 };
}
