import * as v from "valibot";
import type { HeaderTable } from "../projection/table";
import { age, numberIn, policyTerm } from "./fields";
import { KeyRegistry, readRows, usable } from "./rows";

/**
 * premium_rates — the monthly premium per 1 of sum assured by age at entry and policy term (lifelib's
 * premium_table.csv): P = round2(sum_assured · premium_rate). Each (age_at_entry, policy_term) at most once.
 *   age_at_entry,policy_term,premium_rate
 *   20,10,4.64e-05
 */
export const PremiumRateRowSchema = v.object({
  age_at_entry: age(),
  policy_term: policyTerm(),
  premium_rate: numberIn("a premium rate per 1 of sum assured between 0 and 1", 0, 1),
});
export type PremiumRateRow = v.InferOutput<typeof PremiumRateRowSchema>;

export interface PremiumRates {
  readonly count: number;
  /** The rate for (age at entry, term), undefined when the table has none: the shape of PremiumBasis "rateTable". */
  rate(ageAtEntry: number, policyTerm: number): number | undefined;
}

export function readPremiumRates(input: HeaderTable): PremiumRates {
  const table = usable(input);
  const { rows, columns } = readRows(table, PremiumRateRowSchema, { aliases: { premium_rate: ["rate"] } });
  const keys = new KeyRegistry<number>(table);
  const map = new Map<number, number>();
  const label = columns.label("policy_term");
  rows.forEach((row, r) => {
    const key = row.age_at_entry * 1000 + row.policy_term;
    keys.add(key, r, label, () => `age at entry ${row.age_at_entry} and policy term ${row.policy_term}`);
    map.set(key, row.premium_rate);
  });
  return { count: rows.length, rate: (a, t) => map.get(a * 1000 + t) };
}
