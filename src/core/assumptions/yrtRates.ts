import * as v from "valibot";
import type { YrtRates } from "../projection/products/yrtTreaty";
import type { HeaderTable } from "../projection/table";
import { usable } from "./rows";
import { mapBySex, readAgeTable, type BySex } from "./ageTable";
import { age, rate, sex } from "./fields";

/**
 * yrt_rates — yearly-renewable-term reinsurance premium rates: the annual premium per 1 of ceded sum
 * at risk, by attained age (consecutive ages; rates 0..1), with an optional sex column:
 *   age,rate
 *   18,0.00035
 */
export const YrtRateRowSchema = v.object({ age: age(), sex: v.optional(sex()), rate: rate() });
export type YrtRateRow = v.InferOutput<typeof YrtRateRowSchema>;

export function readYrtRates(input: HeaderTable): BySex<YrtRates> {
  const table = usable(input);
  const { blocks } = readAgeTable(table, {
    ageAliases: ["attained_age"],
    isValueColumn: (n) => n === "rate",
    expected: 'the columns are "age", "rate" and an optional "sex"',
    value: YrtRateRowSchema.entries.rate,
  });
  return mapBySex(blocks, (b) => ({ minAge: b.minAge, maxAge: b.maxAge, rates: b.values }));
}
